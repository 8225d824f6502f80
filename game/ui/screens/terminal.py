"""The lab terminal: the brief (Markdown) and hints on the left; the code editor, the buttons
and the results on the right; the device indicator and run progress in the header.

Keys: Ctrl+Enter runs the hidden tests (Submit), Ctrl+Shift+Enter tries the visible examples,
F1 unlocks the next hint, F2 switches the device, F3 moves the focus (editor, brief, results),
Esc cancels a run or goes back to the story. Every change to the code is kept as a draft in the
save. This module draws the screen and describes it; panes, runs and input live in
terminal_panes, terminal_runs and terminal_input. Must not import torch (the runner is
reached only through the hub).
"""

from __future__ import annotations

import pygame

from game.text.markup import plain_text
from game.ui.screens.terminal_chrome import draw_buttons, draw_focus, draw_header, draw_tabs
from game.ui.screens.terminal_input import TerminalInput
from game.ui.screens.terminal_layout import TAB_TITLES, TerminalButton, TerminalLayout, plan
from game.ui.snapshot import Choice, Snapshot
from game.ui.widgets.draw import key_hints

SPOKEN_RESULT_LINES = 3  # the verdict and the Professor's words; the case tables stay on screen


class TerminalScreen(TerminalInput):
    name = "terminal"
    takes_text = True

    # -- drawing --------------------------------------------------------------------------
    def _button_specs(self) -> list[TerminalButton]:
        running = self.job is not None
        run_text = (
            "Continue"
            if self.passed and not self.improving and not self.session.at_gate(self.puzzle_id)
            else "Run"
        )
        return [
            TerminalButton("run", run_text, "Ctrl+Enter", not running),
            TerminalButton("try", "Try", "Ctrl+Shift+Enter", not running),
            TerminalButton("hint", "Solution", "F1", True)
            if self.professor_ready()
            else TerminalButton(
                "hint", "Hint", "F1", self.hints_used < len(self.entry.model.hints)
            ),
            TerminalButton("device", f"Device: {self.ctx.settings.device}", "F2", not running),
            TerminalButton("cancel", "Cancel", "Esc")
            if running
            else TerminalButton("back", "Back", "Esc"),
        ]

    def _lay_out(self, size: tuple[int, int]) -> TerminalLayout:
        layout = plan(size, self.ctx.fonts, self._button_specs(), self.entry.model.title)
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
            self.brief.draw(
                surface, layout.brief, hints_used=self.hints_used, focused=self.focus == "brief"
            )
        if layout.shows("editor", shown):
            self.editor.draw(surface)
        if layout.shows("results", shown):
            self.results.draw(surface)
        if layout.shows(self.focus, shown):
            pane = {"brief": layout.brief, "editor": layout.editor, "results": layout.results}
            draw_focus(surface, pane[self.focus], fonts, theme)
        draw_buttons(surface, layout.buttons, fonts, theme, keys_shown=layout.keys_shown)
        draw_tabs(surface, layout.tabs, shown, fonts, theme)
        key_hints(surface, self.ctx.hints("terminal"), fonts, theme)

    def _draw_header(self, surface: pygame.Surface) -> None:
        theme = self.ctx.theme
        progress = None
        if self.job is not None:
            done, total = self.progress
            progress = done / total if total else self.sweep_fraction()
        draw_header(
            surface,
            self.ctx.fonts,
            theme,
            title=self.entry.model.title,
            device=self._device_text(),
            status=self.status,
            status_color=theme.success if self.passed else theme.text,
            progress=progress,
        )

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

    def snapshot(self) -> Snapshot:
        """The title in full, the brief with its hints; F3 brings the brief into view and
        focus, then its scroll keys show the rest."""
        layout = self.layout
        brief_on = layout is not None and layout.shows("brief", self.shown_pane)
        if self.focus != "brief" or not brief_on:
            more: tuple[str, ...] = ("f3",)
        else:
            more = self.brief.scroll.more_keys()
        return self.snap(
            content=(
                f"LAB TERMINAL · {self.entry.model.title}",
                self.brief.source(self.hints_used),
            ),
            choices=tuple(Choice(b.key, b.text, b.enabled, b.keys) for b in self.buttons),
            focus=f"{TAB_TITLES[self.focus]} pane",
            say=self.news(),
            targets={f"button:{b.key}": tuple(b.rect) for b in self.buttons}
            | {f"tab:{key}": tuple(rect) for key, rect in (layout.tabs if layout else [])},
            more=more,
        )

    def news(self) -> tuple[str, ...]:
        """For self-voicing: the verdict and the Professor's first words once a run ends, and
        the newest hint once it is unlocked."""
        out = []
        if self.job is None:
            lines = [ln for ln in self.results.describe().splitlines() if ln.strip()]
            if lines and lines[0] != "Results: empty":
                out.append(" ".join(lines[:SPOKEN_RESULT_LINES]))
        hints = self.entry.model.hints
        if self.hints_used:
            out.append(f"Hint {self.hints_used}: {plain_text(hints[self.hints_used - 1])}")
        return tuple(out)

    def describe(self) -> str:
        lines = [
            "screen: terminal",
            f"puzzle: {self.puzzle_id} ({self.entry.model.title})",
            f"focus: {self.focus}"
            + (f" (compact: {self.shown_pane} shown)" if self.compact else ""),
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
