"""The lab terminal: the brief (Markdown) and hints on the left; the code editor, the buttons
and the results on the right; the device indicator and run progress in the header.

Keys: Ctrl+Enter runs the hidden tests (Submit), Ctrl+Shift+Enter tries the visible examples,
F1 unlocks the next hint, F2 switches the device, F3 moves the focus (editor, brief, results),
Esc cancels a run or goes back to the story. Every change to the code is kept as a draft in the
save. The screen owns its parts and wires them: the panes (`terminal_panes`, which present
what the run controller reports), the run controller (`game.session.run_control`), the input
router (`terminal_input`) and the layout of this frame (`terminal_layout`, painted by
`terminal_chrome`). Must not import torch (the runner is reached only through the hub).
"""

from __future__ import annotations

import pygame

from game.session.run_control import RunController, RunMode
from game.text.markup import plain_text
from game.ui.context import Context
from game.ui.editor import EditorPane
from game.ui.intents import Intent
from game.ui.results import ResultsPanel
from game.ui.screens.terminal_brief import BriefPane
from game.ui.screens.terminal_chrome import (
    device_text,
    draw_buttons,
    draw_focus,
    draw_header,
    draw_tabs,
)
from game.ui.screens.terminal_input import InputRouter, TerminalCommands
from game.ui.screens.terminal_layout import (
    TAB_TITLES,
    Pane,
    TerminalButton,
    TerminalLayout,
    button_specs,
    plan,
)
from game.ui.screens.terminal_panes import TerminalPanes
from game.ui.snapshot import Choice, Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import key_hints

SPOKEN_RESULT_LINES = 3  # the verdict and the Professor's words; the case tables stay on screen
DEVICES = ("auto", "cpu", "cuda")


class TerminalScreen(Screen):
    name = "terminal"
    takes_text = True

    def __init__(self, ctx: Context, puzzle_id: str, *, improving: bool = False):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.puzzle_id = puzzle_id
        self.entry = ctx.content.library.puzzles[puzzle_id]
        self.panes = TerminalPanes(ctx, self.session, self.entry)
        self.runs = RunController(
            self.session, self.entry, ctx.runner, self.panes, improving=improving
        )
        self.input = InputRouter(
            self.panes,
            TerminalCommands(
                run=lambda: self._run("submit"),
                try_examples=lambda: self._run("try"),
                hint=self._hint,
                device=self._cycle_device,
                back=self._back,
                cancel=self.runs.cancel,
                leave=self._leave,
            ),
        )
        self.panes.on_verdict = self.input.reveal_results
        self.layout: TerminalLayout | None = None  # as drawn last frame

    # -- the owned panes and what the parts know --------------------------------------------------
    @property
    def editor(self) -> EditorPane:
        return self.panes.editor

    @property
    def results(self) -> ResultsPanel:
        return self.panes.results

    @property
    def brief(self) -> BriefPane:
        return self.panes.brief

    @property
    def compact(self) -> bool:
        return self.input.compact

    @property
    def shown_pane(self) -> Pane:
        return self.input.shown_pane

    @property
    def buttons(self) -> list[TerminalButton]:
        return self.layout.buttons if self.layout is not None else []

    @property
    def hints_used(self) -> int:
        progress = self.session.state.puzzles.get(self.puzzle_id)
        return progress.hints_used if progress else 0

    # -- lifecycle and time ---------------------------------------------------------------------
    def enter(self) -> None:
        self.runs.open()

    def exit(self) -> None:
        self.runs.close()

    def handle(self, intent: Intent) -> None:
        self.input.handle(intent)

    def update(self, dt: float) -> None:
        self.panes.update(dt)

    # -- commands -------------------------------------------------------------------------------
    def _run(self, mode: RunMode) -> None:
        if self.runs.busy:
            return
        if mode == "submit" and self.runs.continues_story:
            self._leave()
            return
        self.editor.clear_markers()
        self.runs.start(mode, self.editor.text, self.ctx.settings.device)

    def _back(self) -> None:
        """Esc: cancel the run in flight, else close the editor's popup, else leave."""
        if self.runs.busy:
            self.runs.cancel()
        elif not self.editor.close_popup():
            self._leave()

    def _leave(self) -> None:
        self.close("solved" if self.runs.passed else None)

    def _hint(self) -> None:
        if self.runs.professor_ready:
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

    # -- drawing --------------------------------------------------------------------------------
    def _lay_out(self, size: tuple[int, int]) -> TerminalLayout:
        specs = button_specs(
            running=self.runs.busy,
            continues=self.runs.continues_story,
            solution=self.runs.professor_ready,
            hints_left=self.hints_used < len(self.entry.model.hints),
            device=self.ctx.settings.device,
        )
        hints = self.ctx.hints("terminal")
        layout = plan(size, self.ctx.fonts, specs, self.entry.model.title, hints)
        self.layout = layout
        self.panes.place(layout)
        self.input.place(layout)
        return layout

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme, focus = self.ctx.fonts, self.ctx.theme, self.input.focus
        surface.fill(theme.bg)
        layout = self._lay_out(surface.get_size())
        shown = self.shown_pane
        self._draw_header(surface)
        if layout.shows("brief", shown):
            self.brief.draw(
                surface, layout.brief, hints_used=self.hints_used, focused=focus == "brief"
            )
        if layout.shows("editor", shown):
            self.editor.draw(surface)
        if layout.shows("results", shown):
            self.results.draw(surface)
        if layout.shows(focus, shown):
            pane = {"brief": layout.brief, "editor": layout.editor, "results": layout.results}
            draw_focus(surface, pane[focus], fonts, theme)
        draw_buttons(surface, layout.buttons, fonts, theme, keys_shown=layout.keys_shown)
        draw_tabs(surface, layout.tabs, shown, fonts, theme)
        key_hints(surface, self.ctx.hints("terminal"), fonts, theme, wrap=True)

    def _draw_header(self, surface: pygame.Surface) -> None:
        theme = self.ctx.theme
        progress = None
        if self.runs.busy:
            done, total = self.runs.progress
            progress = done / total if total else self.sweep_fraction()
        draw_header(
            surface,
            self.ctx.fonts,
            theme,
            title=self.entry.model.title,
            device=self._device_text(),
            status=self.runs.status,
            status_color=theme.success if self.runs.passed else theme.text,
            progress=progress,
        )

    def sweep_fraction(self) -> float:
        """A sweeping bar while the total is not known yet (still when motion is reduced)."""
        if self.ctx.settings.reduced_motion:
            return 0.5
        return (pygame.time.get_ticks() % 1200) / 1200

    def _device_text(self) -> str:
        runner = self.ctx.runner
        return device_text(self.ctx.settings.device, offline=runner.failed, found=runner.devices())

    # -- describing -----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The title in full, the brief with its hints; F3 brings the brief into view and
        focus, then its scroll keys show the rest."""
        layout, focus = self.layout, self.input.focus
        brief_on = layout is not None and layout.shows("brief", self.shown_pane)
        if focus != "brief" or not brief_on:
            more: tuple[str, ...] = ("f3",)
        else:
            more = self.brief.scroll.more_keys()
        return self.snap(
            content=(
                f"LAB TERMINAL · {self.entry.model.title}",
                self.brief.source(self.hints_used),
            ),
            choices=tuple(Choice(b.key, b.text, b.enabled, b.keys) for b in self.buttons),
            focus=f"{TAB_TITLES[focus]} pane",
            say=self.news(),
            targets={f"button:{b.key}": tuple(b.rect) for b in self.buttons}
            | {f"tab:{key}": tuple(rect) for key, rect in (layout.tabs if layout else [])},
            more=more,
        )

    def news(self) -> tuple[str, ...]:
        """For self-voicing: the verdict and the Professor's first words once a run ends, and
        the newest hint once it is unlocked."""
        out = []
        if not self.runs.busy:
            lines = [ln for ln in self.results.describe().splitlines() if ln.strip()]
            if lines and lines[0] != "Results: empty":
                out.append(" ".join(lines[:SPOKEN_RESULT_LINES]))
        hints = self.entry.model.hints
        if self.hints_used:
            out.append(f"Hint {self.hints_used}: {plain_text(hints[self.hints_used - 1])}")
        return tuple(out)

    def describe(self) -> str:
        focus = self.input.focus
        lines = [
            "screen: terminal",
            f"puzzle: {self.puzzle_id} ({self.entry.model.title})",
            f"focus: {focus}" + (f" (compact: {self.shown_pane} shown)" if self.compact else ""),
            f"running: {self.runs.busy}",
            f"passed: {self.runs.passed}",
            f"hints: {self.hints_used}/{len(self.entry.model.hints)}",
            f"device: {self._device_text()}",
            f"status: {self.runs.status}",
            self.editor.describe(),
            "results:",
            self.results.describe(),
        ]
        return "\n".join(lines)
