"""The lab terminal: the brief (Markdown) and hints on the left; the code editor, the buttons
and the results on the right; the device indicator and run progress in the header.

Keys: Ctrl+Enter runs the hidden tests (Submit), Ctrl+Shift+Enter tries the visible examples,
F1 unlocks the next hint, F2 switches the device, F3 moves the focus (editor, brief, results),
Esc cancels a run or goes back to the story. Every change to the code is kept as a draft in the
save. Must not import torch (the runner is reached only through the hub).
"""

from __future__ import annotations

import pygame

from game.content.library import PuzzleEntry
from game.feedback.runs import markers_for, plain_trouble
from game.feedback.scores import record_pass
from game.persistence.paths import drafts_dir
from game.runner.protocol import JobEvent, RunResult
from game.ui.context import Context
from game.ui.editor import EditorPane
from game.ui.intents import Intent, command_held
from game.ui.results import ResultsPanel
from game.ui.screens.terminal_brief import BriefPane
from game.ui.screens.terminal_chrome import draw_buttons, draw_header, draw_tabs
from game.ui.screens.terminal_layout import TerminalButton, TerminalLayout, plan
from game.ui.stack import Screen
from game.ui.widgets.draw import key_hints

DEVICES = ("auto", "cpu", "cuda")
FOCUS_ORDER = ("editor", "brief", "results")
_CODE_CHORDS = frozenset({pygame.K_a, pygame.K_v, pygame.K_x, pygame.K_z, pygame.K_y, pygame.K_f,
                          pygame.K_g})


class TerminalScreen(Screen):
    name = "terminal"

    def __init__(self, ctx: Context, puzzle_id: str, *, improving: bool = False):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.entry: PuzzleEntry = ctx.content.library.puzzles[puzzle_id]
        self.puzzle_id = puzzle_id
        state = self.session.state
        text = state.drafts.get(puzzle_id) or self.entry.starter
        self.editor = EditorPane(text, fonts=ctx.fonts, theme=ctx.theme,
                                 draft_path=drafts_dir() / f"{puzzle_id}.py",
                                 starter=self.entry.starter, zoom=ctx.settings.code_zoom)
        self.editor.on_change = self._on_change
        self.editor.on_zoom = self._on_zoom
        if self.editor.text != text:  # the pane picked up edits made in the player's own editor
            self._on_change(self.editor.text)
        self.results = ResultsPanel(fonts=ctx.fonts, theme=ctx.theme)
        self.brief = BriefPane(ctx, self.entry.brief, list(self.entry.model.hints))
        self.focus = "editor"
        self._last_pane = "editor"  # the pane the compact layout shows when the brief has focus
        self.layout: TerminalLayout | None = None
        self.job: str | None = None
        self.job_mode = "submit"
        self.progress: tuple[int, int] = (0, 0)
        self.passed = self.session.state.is_solved(puzzle_id)
        # Reopened from the lab notebook: Submit keeps running (to beat the scores) instead of
        # meaning "back to the story".
        self.improving = improving
        self.status = ""
        self._look = self._current_look()

    # -- lifecycle ------------------------------------------------------------------------
    def enter(self) -> None:
        self._examples_ticket: str | None = self.ctx.runner.describe(self.puzzle_id,
                                                                     self._on_examples)

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
        self.session.wants_autosave = True  # the draft as it is now, before the story moves

    def _on_change(self, text: str) -> None:
        self.session.draft_changed(self.puzzle_id, text)

    def _on_zoom(self, zoom: float) -> None:
        from game.persistence.settings import with_changes

        self.ctx.apply_settings(with_changes(self.ctx.settings, code_zoom=zoom))

    @property
    def hints_used(self) -> int:
        progress = self.session.state.puzzles.get(self.puzzle_id)
        return progress.hints_used if progress else 0

    # -- actions --------------------------------------------------------------------------
    def _run(self, mode: str) -> None:
        if self.job is not None:
            return
        if self.passed and mode == "submit" and not self.improving \
                and self._story_waits_elsewhere():
            self.close("solved")
            return
        self.editor.clear_markers()
        self.job_mode = mode
        self.progress = (0, 0)
        self.results.show_running(mode, 0, 0)
        self.job = self.ctx.runner.submit(self.puzzle_id, self.editor.text,
                                          device=self.ctx.settings.device, mode=mode,
                                          listener=self._on_event)
        self.status = "Trying the visible examples..." if mode == "try" else "Running the hidden tests..."

    def _story_waits_elsewhere(self) -> bool:
        """After a pass the gate has moved on: Ctrl+Enter then means 'back to the story'."""
        node = self.session.story.node
        return node.puzzle is None or node.puzzle.id != self.puzzle_id

    def _cancel(self) -> None:
        if self.job is not None:
            self.ctx.runner.cancel(self.job)
            self.status = "Cancelling..."

    def _hint(self) -> None:
        hints = self.entry.model.hints
        progress = self.session.state.progress(self.puzzle_id)
        if progress.hints_used >= len(hints):
            self.ctx.notify("No more hints: you have them all, apprentice.")
            return
        progress.hints_used += 1
        self.session.wants_autosave = True
        self.ctx.notify(f"Hint {progress.hints_used} of {len(hints)} unlocked.")

    def _cycle_device(self) -> None:
        from game.persistence.settings import with_changes

        i = DEVICES.index(self.ctx.settings.device)
        self.ctx.apply_settings(with_changes(self.ctx.settings,
                                             device=DEVICES[(i + 1) % len(DEVICES)]))

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
            self.results.show_message(f"{self.status}\n\nNothing was recorded and your code is "
                                      "kept: press Run to try again.", "error")
            self.ctx.notify(self.status, "error")
        else:
            self._on_result(event.result)

    def _on_result(self, result: RunResult) -> None:
        state = self.session.state
        progress = state.progress(self.puzzle_id)
        if result.mode == "submit":
            progress.attempts += 1
        # The panel folds a passing Submit's scores into `best` (and shows what improved);
        # recording again here only adds the solution's code, the call being idempotent.
        self.results.show_result(result, progress, self.entry.model.goals)
        self.editor.set_markers(markers_for(result))
        if self.compact and self.focus == "editor":
            self._set_focus("results")  # the verdict would be hidden behind the code tab
        self.status = result.message or result.verdict
        self.ctx.sound.play("pass" if result.verdict == "pass" else "fail")
        if result.verdict != "pass" or result.mode != "submit":
            self.session.wants_autosave = True
            return
        kept = progress.best_solution
        record_pass(progress, result, self.editor.text)
        if kept is not None and progress.best_solution != kept:
            self.ctx.notify("Your best solution yet: the lab notebook keeps it (and your first).",
                            "success")
        before = (state.scene, state.node)
        self.session.story.puzzle_solved(self.puzzle_id)
        self.passed = True
        if (state.scene, state.node) != before:
            self.session.step_done()
        self.session.wants_autosave = True
        self.status = "Passed! Mwahahaha! Ctrl+Enter or Esc returns to the story."

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        name = intent.name
        if name == "keyup":
            self.editor.handle_event(intent.event)  # ends the editor's own key repeat
            return
        if name == "back":
            if self.job is not None:
                self._cancel()
            elif not self.editor.close_popup():
                self.close("solved" if self.passed else None)
            return
        if name == "run":
            self._run("submit")
        elif name == "try":
            self._run("try")
        elif name == "hint":
            self._hint()
        elif name == "device":
            self._cycle_device()
        elif name == "focus":
            self._set_focus(FOCUS_ORDER[(FOCUS_ORDER.index(self.focus) + 1) % len(FOCUS_ORDER)])
        elif intent.is_pointer:
            self._pointer(intent)
        elif self.focus != "editor" and (name == "text" or _edits_code(intent)):
            # Typing, select-all, paste, cut and undo always land in the code (after a run the
            # focus may sit on the results: Ctrl+A then typing must still replace the code).
            self._set_focus("editor")
            self.editor.handle_event(intent.event)
        elif self.focus == "editor":
            self.editor.handle_event(intent.event)
        elif self.focus == "brief":
            self.brief.scroll.handle(intent)
        else:
            self.results.handle_event(intent.event)

    def _set_focus(self, focus: str) -> None:
        self.focus = focus
        if focus in ("editor", "results"):
            self._last_pane = focus
        self.editor.focused = focus == "editor"
        self.results.focused = focus == "results"

    def _pointer(self, intent: Intent) -> None:
        layout = self.layout
        if layout is None:
            return
        brief_on, editor_on, results_on = (layout.shows(pane, self.shown_pane)
                                           for pane in ("brief", "editor", "results"))
        if intent.name == "click":
            for button in layout.buttons:
                if button.rect.collidepoint(intent.pos) and button.enabled:
                    self._press(button.key)
                    return
            for key, rect in layout.tabs:
                if rect.collidepoint(intent.pos):
                    self._set_focus(key)
                    return
            if brief_on and self.brief.scroll.view.collidepoint(intent.pos):
                self._set_focus("brief")
            elif results_on and self.results.rect.collidepoint(intent.pos):
                self._set_focus("results")
            elif editor_on and self.editor.rect.collidepoint(intent.pos):
                self._set_focus("editor")
        if brief_on and self.brief.scroll.handle(intent, keys=False):
            return
        if editor_on and (self.editor.rect.collidepoint(intent.pos)
                          or intent.name in ("release", "motion")):
            self.editor.handle_event(intent.event)
        if results_on and self.results.rect.collidepoint(intent.pos):
            self.results.handle_event(intent.event)

    def _press(self, key: str) -> None:
        actions = {
            "run": lambda: self._run("submit"),
            "try": lambda: self._run("try"),
            "hint": self._hint,
            "device": self._cycle_device,
            "cancel": self._cancel,
            "back": lambda: self.close("solved" if self.passed else None),
        }
        actions[key]()

    # -- time -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        look = self._current_look()
        if look != self._look:  # settings changed under us
            self._look = look
            self.editor.set_zoom(self.ctx.settings.code_zoom)
            self.editor.set_fonts(self.ctx.fonts)
            self.editor.set_theme(self.ctx.theme)
            self.results.set_fonts(self.ctx.fonts)
            self.results.set_theme(self.ctx.theme)
        self.editor.update(dt)
        self.results.update(dt)

    def _current_look(self) -> tuple[float, str, float]:
        return (self.ctx.fonts.scale, self.ctx.theme.name, self.ctx.settings.code_zoom)

    # -- drawing --------------------------------------------------------------------------
    @property
    def compact(self) -> bool:
        """Whether panes share the space as tabs (big fonts in a small window)."""
        return self.layout is not None and self.layout.mode != "split"

    @property
    def buttons(self) -> list[TerminalButton]:
        return self.layout.buttons if self.layout is not None else []

    @property
    def shown_pane(self) -> str:
        """With tabs, which pane is on screen: the focused one (the brief only when it has a
        tab of its own), else the last of code and results."""
        if self.focus == "results" or (self.focus == "brief" and self.layout is not None
                                       and self.layout.mode == "all_tabs"):
            return self.focus
        return self._last_pane

    def _button_specs(self) -> list[TerminalButton]:
        running = self.job is not None
        run_text = "Continue" if self.passed and not self.improving \
            and self._story_waits_elsewhere() else "Run"
        return [
            TerminalButton("run", run_text, "Ctrl+Enter", not running),
            TerminalButton("try", "Try", "Ctrl+Shift+Enter", not running),
            TerminalButton("hint", "Hint", "F1", self.hints_used < len(self.entry.model.hints)),
            TerminalButton("device", f"Device: {self.ctx.settings.device}", "F2", not running),
            TerminalButton("cancel", "Cancel", "Esc") if running
            else TerminalButton("back", "Back", "Esc"),
        ]

    def _lay_out(self, size: tuple[int, int]) -> TerminalLayout:
        layout = plan(size, self.ctx.fonts, self._button_specs())
        self.layout = layout
        self.editor.set_rect(layout.editor)
        self.results.set_rect(layout.results)
        return layout

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        surface.fill(theme.bg)
        layout = self._lay_out(surface.get_size())
        shown = self.shown_pane
        self._draw_header(surface)
        if layout.shows("brief", shown):
            self.brief.draw(surface, layout.brief, hints_used=self.hints_used,
                            focused=self.focus == "brief")
        if layout.shows("editor", shown):
            self.editor.draw(surface)
        if layout.shows("results", shown):
            self.results.draw(surface)
        draw_buttons(surface, layout.buttons, fonts, theme, keys_shown=layout.keys_shown)
        draw_tabs(surface, layout.tabs, shown, fonts, theme)
        key_hints(surface, [("Ctrl+Enter", "run"), ("Ctrl+Shift+Enter", "try"), ("F1", "hint"),
                            ("F3", "focus"), ("Esc", "cancel/back"), ("F6", "quicksave")],
                  fonts, theme)

    def _draw_header(self, surface: pygame.Surface) -> None:
        theme = self.ctx.theme
        progress = None
        if self.job is not None:
            done, total = self.progress
            progress = done / total if total else self.sweep_fraction()
        draw_header(surface, self.ctx.fonts, theme, title=self.entry.model.title,
                    device=self._device_text(), status=self.status,
                    status_color=theme.success if self.passed else theme.text,
                    progress=progress)

    def sweep_fraction(self) -> float:
        """A sweeping bar while the total is not known yet (still when motion is reduced)."""
        if self.ctx.settings.reduced_motion:
            return 0.5
        return (pygame.time.get_ticks() % 1200) / 1200

    def _device_text(self) -> str:
        chosen = self.ctx.settings.device
        if self.ctx.runner.failed:
            return "runner offline"
        found = self.ctx.runner.devices()
        if found is None:
            return f"device: {chosen} (runner warming up)"
        if chosen == "auto":
            return f"device: auto → {'cuda' if 'cuda' in found else 'cpu'}"
        missing = "" if chosen in found else " (not found: runs will fail)"
        return f"device: {chosen}{missing}"

    def describe(self) -> str:
        lines = [
            "screen: terminal",
            f"puzzle: {self.puzzle_id} ({self.entry.model.title})",
            f"focus: {self.focus}" + (f" (compact: {self.shown_pane} shown)" if self.compact
                                      else ""),
            f"running: {self.job is not None}",
            f"passed: {self.passed}",
            f"hints: {self.hints_used}/{len(self.entry.model.hints)}",
            f"device: {self._device_text()}",
            f"status: {self.status}",
            self.editor.describe(),
            "results:",
            self.results.describe(),
        ]
        return "\n".join(lines)


def _edits_code(intent: Intent) -> bool:
    """Ctrl+A / V / X / Z / Y / F / G: commands that only make sense on the code."""
    event = intent.event
    return (intent.name == "key" and event.type == pygame.KEYDOWN and event.key in _CODE_CHORDS
            and command_held(event.mod))

