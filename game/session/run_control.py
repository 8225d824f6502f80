"""RunController: one puzzle's runs in the lab terminal, as a state machine without a display.

It owns the run in flight (its ticket, mode, progress and the code it sent), the status line,
whether the puzzle counts as passed here and the request for the visible examples. It submits
through any `Runner` (the UI's runner hub, a fake in tests), hands each finished run to the
`GameSession`, which decides what it means (attempts, scores, kept solutions, story progress),
and tells a `RunView` what to present. It never imports pygame or torch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol

from game.content.puzzle_entry import PuzzleEntry
from game.feedback.notebook import passing_solutions
from game.feedback.runs import plain_trouble
from game.runner.protocol import CaseResult, JobEvent, RunResult
from game.session.playthrough import GameSession
from game.session.runs import RunOutcome

Listener = Callable[[JobEvent], None]
RunMode = Literal["submit", "try"]  # every test, or the visible examples with prints


class Runner(Protocol):
    """Where runs go: `submit` and `describe` return a ticket at once; the job's events reach
    the listener later (never from inside the call), a cancel's may come at once."""

    def submit(
        self,
        puzzle_id: str,
        code: str,
        *,
        device: str,
        mode: str,
        listener: Listener,
        solutions: dict[str, str] | None = None,
    ) -> str: ...

    def describe(self, puzzle_id: str, listener: Listener) -> str: ...

    def cancel(self, ticket: str) -> None: ...


class RunView(Protocol):
    """What the controller asks its screen to present."""

    def show_running(self, mode: str, done: int, total: int) -> None: ...

    def show_examples(self, examples: list[CaseResult]) -> None: ...

    def show_message(self, text: str, kind: str) -> None: ...

    def show_outcome(self, outcome: RunOutcome) -> None: ...

    def notify(self, text: str, kind: str = "info") -> None: ...


class RunController:
    def __init__(
        self,
        session: GameSession,
        entry: PuzzleEntry,
        runner: Runner,
        view: RunView,
        *,
        improving: bool = False,
    ):
        self.session, self.entry, self.runner, self.view = session, entry, runner, view
        self.puzzle_id = entry.model.id
        self.job: str | None = None  # the ticket of the run in flight
        self.mode: RunMode = "submit"
        self.progress: tuple[int, int] = (0, 0)  # cases done, cases in all (0: not known yet)
        self.status = ""
        self.passed = session.state.is_solved(self.puzzle_id)
        # Reopened from the lab notebook: Submit keeps running (to beat the scores) instead of
        # meaning "back to the story".
        self.improving = improving
        self._code = ""  # what the run in flight sent: that is what a pass records
        self._examples: str | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    @property
    def continues_story(self) -> bool:
        """After a pass, Submit means "back to the story" (unless improving, or the story
        still waits at this puzzle's gate)."""
        return self.passed and not self.improving and not self.session.at_gate(self.puzzle_id)

    @property
    def professor_ready(self) -> bool:
        """After a pass the Professor's annotated solution is the player's to read."""
        return self.passed and (self.entry.folder / "solution.md").is_file()

    # -- lifecycle ----------------------------------------------------------------------------
    def open(self) -> None:
        """The terminal opened: ask for the visible examples to show until the first run."""
        self._examples = self.runner.describe(self.puzzle_id, self._on_examples)

    def close(self) -> None:
        """The terminal closed: nothing keeps running for it, and the session saves the
        draft before the story moves."""
        if self._examples is not None:
            self.runner.cancel(self._examples)
        if self.job is not None:
            self.runner.cancel(self.job)
        self.session.puzzle_left()

    # -- runs ---------------------------------------------------------------------------------
    def start(self, mode: RunMode, code: str, device: str) -> bool:
        """Send `code` to run on `device`; False while another run is in flight."""
        if self.job is not None:
            return False
        self.mode, self.progress, self._code = mode, (0, 0), code
        self.view.show_running(mode, 0, 0)
        self.job = self.runner.submit(
            self.puzzle_id,
            code,
            device=device,
            mode=mode,
            listener=self.on_event,
            solutions=passing_solutions(
                self.session.state, [t.puzzle for t in self.entry.model.tools]
            ),
        )
        self.status = (
            "Trying the visible examples..." if mode == "try" else "Running the hidden tests..."
        )
        return True

    def cancel(self) -> None:
        if self.job is not None:
            # Said first: a run that never reached the service reports its cancel at once.
            self.status = "Cancelling..."
            self.runner.cancel(self.job)

    def on_event(self, event: JobEvent) -> None:
        """The runner's news of the run in flight."""
        if event.kind in ("started", "progress"):
            self.progress = (event.done, event.total)
            self.view.show_running(self.mode, event.done, event.total)
            return
        self.job = None
        if event.kind == "cancelled":
            self.status = "Run cancelled. Nothing was recorded."
            self.view.show_message("Cancelled. Nothing was recorded.", "info")
        elif event.kind == "error" or event.result is None:
            self.status = plain_trouble(event.message)
            self.view.show_message(
                f"{self.status}\n\nNothing was recorded and your code is "
                "kept: press Run to try again.",
                "error",
            )
            self.view.notify(self.status, "error")
        else:
            self._finished(event.result)

    def _finished(self, result: RunResult) -> None:
        model = self.entry.model
        outcome = self.session.record_run(
            self.puzzle_id, result, model.goals, self._code, len(model.hints)
        )
        self.status = result.message or result.verdict
        self.view.show_outcome(outcome)
        if not outcome.solved:
            return
        if outcome.new_best_solution:
            self.view.notify(
                "Your best solution yet: the lab notebook keeps it (and your first).", "success"
            )
        self.passed = True
        self.status = "Passed! Mwahahaha! Ctrl+Enter or Esc returns to the story."
        if self.professor_ready:
            self.view.notify(
                "The Professor's annotated solution is yours: F1 opens it now, and the lab "
                "notebook keeps it."
            )

    def _on_examples(self, event: JobEvent) -> None:
        self._examples = None
        shown_result = self.job is not None or self.status
        if event.kind == "examples" and event.examples is not None and not shown_result:
            self.view.show_examples(event.examples)
