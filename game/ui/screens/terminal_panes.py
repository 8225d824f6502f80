"""TerminalPanes: the lab terminal's panes and focus. It builds the code editor, results panel
and brief, keeps the draft and code zoom in the save/settings, moves the focus between panes
(tabs in the compact layout) and follows font/theme changes. Runs, input and drawing build on
it in sibling modules. Must not import torch.
"""

from __future__ import annotations

from game.content.library import PuzzleEntry
from game.content.toolbox import support_lines, tool_lines, toolbox_markdown
from game.feedback.notebook import passing_solutions
from game.persistence.paths import drafts_dir
from game.ui.context import Context
from game.ui.editor import EditorPane
from game.ui.results import ResultsPanel
from game.ui.screens.terminal_brief import BriefPane
from game.ui.screens.terminal_layout import TerminalButton, TerminalLayout
from game.ui.stack import Screen


class TerminalPanes(Screen):
    def __init__(self, ctx: Context, puzzle_id: str):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.entry: PuzzleEntry = ctx.content.library.puzzles[puzzle_id]
        self.puzzle_id = puzzle_id
        state = self.session.state
        text = state.drafts.get(puzzle_id) or self.entry.starter
        self.editor = EditorPane(
            text,
            fonts=ctx.fonts,
            theme=ctx.theme,
            draft_path=drafts_dir() / f"{puzzle_id}.py",
            starter=self.entry.starter,
            zoom=ctx.settings.code_zoom,
        )
        self.editor.on_change = self._on_change
        self.editor.on_zoom = self._on_zoom
        if self.editor.text != text:  # the pane picked up edits made in the player's own editor
            self._on_change(self.editor.text)
        self.results = ResultsPanel(fonts=ctx.fonts, theme=ctx.theme)
        self.brief = BriefPane(ctx, self.entry.brief, list(self.entry.model.hints), self._toolbox())
        self.focus = "editor"
        self._last_pane = "editor"  # the pane the compact layout shows when the brief has focus
        self.layout: TerminalLayout | None = None
        self._look = self._current_look()

    def _toolbox(self) -> str:
        """The toolbox section: the support module's names and the earlier answers on offer."""
        earned = passing_solutions(self.session.state, [t.puzzle for t in self.entry.model.tools])
        lines = support_lines(self.entry.support_path)
        lines += tool_lines(self.entry, self.ctx.content.library, earned)
        return toolbox_markdown(lines)

    def _on_change(self, text: str) -> None:
        self.session.draft_changed(self.puzzle_id, text)

    def _on_zoom(self, zoom: float) -> None:
        from game.persistence.settings import with_changes

        self.ctx.apply_settings(with_changes(self.ctx.settings, code_zoom=zoom))

    def _set_focus(self, focus: str) -> None:
        self.focus = focus
        if focus in ("editor", "results"):
            self._last_pane = focus
        self.editor.focused = focus == "editor"
        self.results.focused = focus == "results"

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

    # -- layout state ---------------------------------------------------------------------
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
        if self.focus == "results" or (
            self.focus == "brief" and self.layout is not None and self.layout.mode == "all_tabs"
        ):
            return self.focus
        return self._last_pane
