"""TerminalRuns: the lab terminal's run control. It submits Run/Try to the runner hub, cancels,
follows the job's events and switches the device; what a result or a hint means (attempts,
scores, kept solutions, story progress) the session decides, and this shows it.
"""

from __future__ import annotations

from game.feedback.notebook import passing_solutions
from game.feedback.runs import markers_for, plain_trouble
from game.runner.protocol import JobEvent, RunResult
from game.ui.context import Context
from game.ui.screens.terminal_panes import TerminalPanes

DEVICES = ("auto", "cpu", "cuda")


class TerminalRuns(TerminalPanes):
    def __init__(self, ctx: Context, puzzle_id: str, *, improving: bool = False):
        super().__init__(ctx, puzzle_id)
        self.job: str | None = None
        self.job_mode = "submit"
        self.progress: tuple[int, int] = (0, 0)
        self.passed = self.session.state.is_solved(puzzle_id)
        # Reopened from the lab notebook: Submit keeps running (to beat the scores) instead of
        # meaning "back to the story".
        self.improving = improving
        self.status = ""

    # -- lifecycle ------------------------------------------------------------------------
    def enter(self) -> None:
        self._examples_ticket: str | None = self.ctx.runner.describe(
            self.puzzle_id, self._on_examples
        )

    def _on_examples(self, event: JobEvent) -> None:
        self._examples_ticket = None
        shown_result = self.job is not None or self.status
        if event.kind == "examples" and event.examples is not None and not shown_result:
            self.results.show_examples(event.examples)

    def exit(self) -> None:
        if self._examples_ticket is not None:
            self.ctx.runner.cancel(self._examples_ticket)
        if self.job is not None:
            self.ctx.runner.cancel(self.job)
        self.session.puzzle_left()

    @property
    def hints_used(self) -> int:
        progress = self.session.state.puzzles.get(self.puzzle_id)
        return progress.hints_used if progress else 0

    # -- actions --------------------------------------------------------------------------
    def _run(self, mode: str) -> None:
        if self.job is not None:
            return
        if (
            self.passed
            and mode == "submit"
            and not self.improving
            and not self.session.at_gate(self.puzzle_id)
        ):
            self.close("solved")
            return
        self.editor.clear_markers()
        self.job_mode = mode
        self.progress = (0, 0)
        self.results.show_running(mode, 0, 0)
        self.job = self.ctx.runner.submit(
            self.puzzle_id,
            self.editor.text,
            device=self.ctx.settings.device,
            mode=mode,
            listener=self._on_event,
            solutions=passing_solutions(
                self.session.state, [t.puzzle for t in self.entry.model.tools]
            ),
        )
        self.status = (
            "Trying the visible examples..." if mode == "try" else "Running the hidden tests..."
        )

    def _cancel(self) -> None:
        if self.job is not None:
            self.ctx.runner.cancel(self.job)
            self.status = "Cancelling..."

    def professor_ready(self) -> bool:
        """After a pass, F1 opens the Professor's annotated solution instead of a hint."""
        return self.passed and (self.entry.folder / "solution.md").is_file()

    def _hint(self) -> None:
        if self.professor_ready():
            from game.ui.screens.notebook import NotebookScreen

            book = NotebookScreen(self.ctx)
            book.open_professor(self.puzzle_id)
            self.ctx.stack.push(book)
            return
        available = len(self.entry.model.hints)
        unlocked = self.session.use_hint(self.puzzle_id, available)
        if unlocked is None:
            self.ctx.notify("No more hints: you have them all, apprentice.")
            return
        self.ctx.notify(f"Hint {unlocked} of {available} unlocked.")

    def _cycle_device(self) -> None:
        from game.persistence.settings import with_changes

        i = DEVICES.index(self.ctx.settings.device)
        self.ctx.apply_settings(
            with_changes(self.ctx.settings, device=DEVICES[(i + 1) % len(DEVICES)])
        )

    def _on_event(self, event: JobEvent) -> None:
        if event.kind in ("started", "progress"):
            self.progress = (event.done, event.total)
            self.results.show_running(self.job_mode, event.done, event.total)
            return
        self.job = None
        if event.kind == "cancelled":
            self.status = "Run cancelled. Nothing was recorded."
            self.results.show_message("Cancelled. Nothing was recorded.", "info")
        elif event.kind == "error" or event.result is None:
            self.status = plain_trouble(event.message)
            self.results.show_message(
                f"{self.status}\n\nNothing was recorded and your code is "
                "kept: press Run to try again.",
                "error",
            )
            self.ctx.notify(self.status, "error")
        else:
            self._on_result(event.result)

    def _on_result(self, result: RunResult) -> None:
        outcome = self.session.record_run(
            self.puzzle_id,
            result,
            self.entry.model.goals,
            self.editor.text,
            len(self.entry.model.hints),
        )
        self.results.show_result(outcome)
        self.editor.set_markers(markers_for(result))
        if self.compact and self.focus == "editor":
            self._set_focus("results")  # the verdict would be hidden behind the code tab
        self.status = result.message or result.verdict
        self.ctx.sound.play("pass" if result.verdict == "pass" else "fail")
        if not outcome.solved:
            return
        if outcome.new_best_solution:
            self.ctx.notify(
                "Your best solution yet: the lab notebook keeps it (and your first).", "success"
            )
        self.passed = True
        self.status = "Passed! Mwahahaha! Ctrl+Enter or Esc returns to the story."
        if (self.entry.folder / "solution.md").is_file():
            self.ctx.notify(
                "The Professor's annotated solution is yours: F1 opens it now, and the lab "
                "notebook keeps it."
            )
