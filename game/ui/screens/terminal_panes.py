"""TerminalPanes: the lab terminal's three panes, owned together: the code editor (opened on the
player's draft, which it keeps in the save as it changes, and on the code zoom, kept in the
settings), the results panel and the brief with its toolbox. It places them in a layout, keeps
them in step with the player's text size and theme, and presents what the run controller
reports (it is the controller's `RunView`): progress, examples, messages and verdicts, with the
verdict's gutter markers and sound. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

from game.content.puzzle_entry import PuzzleEntry
from game.content.toolbox import support_lines, tool_lines, toolbox_markdown
from game.feedback.notebook import passing_solutions
from game.feedback.runs import markers_for
from game.persistence.paths import drafts_dir
from game.runner.protocol import CaseResult
from game.session import GameSession, RunOutcome
from game.ui.context import Context
from game.ui.editor import EditorPane
from game.ui.results import ResultsPanel
from game.ui.screens.terminal_brief import BriefPane
from game.ui.screens.terminal_layout import TerminalLayout


class TerminalPanes:
    def __init__(self, ctx: Context, session: GameSession, entry: PuzzleEntry):
        self.ctx, self.session = ctx, session
        self.puzzle_id = entry.model.id
        text = session.state.drafts.get(self.puzzle_id) or entry.starter
        self.editor = EditorPane(
            text,
            fonts=ctx.fonts,
            theme=ctx.theme,
            draft_path=drafts_dir() / f"{self.puzzle_id}.py",
            starter=entry.starter,
            zoom=ctx.settings.code_zoom,
        )
        self.editor.on_change = self._on_change
        self.editor.on_zoom = self._on_zoom
        if self.editor.text != text:  # the pane picked up edits made in the player's own editor
            self._on_change(self.editor.text)
        self.results = ResultsPanel(fonts=ctx.fonts, theme=ctx.theme)
        self.brief = BriefPane(ctx, entry.brief, list(entry.model.hints), self._toolbox(entry))
        self.on_verdict: Callable[[], None] | None = None  # after a verdict is shown
        self._look = self._current_look()

    def _toolbox(self, entry: PuzzleEntry) -> str:
        """The toolbox section: the support module's names and the earlier answers on offer."""
        earned = passing_solutions(self.session.state, [t.puzzle for t in entry.model.tools])
        lines = support_lines(entry.support_path)
        lines += tool_lines(entry, self.ctx.content.library, earned)
        return toolbox_markdown(lines)

    def _on_change(self, text: str) -> None:
        self.session.draft_changed(self.puzzle_id, text)

    def _on_zoom(self, zoom: float) -> None:
        from game.persistence.settings import with_changes

        self.ctx.apply_settings(with_changes(self.ctx.settings, code_zoom=zoom))

    def place(self, layout: TerminalLayout) -> None:
        """Put the code and the results where `layout` says (the brief is placed as drawn)."""
        self.editor.set_rect(layout.editor)
        self.results.set_rect(layout.results)

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

    # -- what the run controller reports (RunView) ---------------------------------------------
    def show_running(self, mode: str, done: int, total: int) -> None:
        self.results.show_running(mode, done, total)

    def show_examples(self, examples: list[CaseResult]) -> None:
        self.results.show_examples(examples)

    def show_message(self, text: str, kind: str) -> None:
        self.results.show_message(text, kind)

    def show_outcome(self, outcome: RunOutcome) -> None:
        self.results.show_result(outcome)
        self.editor.set_markers(markers_for(outcome.result))
        if self.on_verdict is not None:
            self.on_verdict()
        self.ctx.sound.play("pass" if outcome.result.verdict == "pass" else "fail")

    def notify(self, text: str, kind: str = "info") -> None:
        self.ctx.notify(text, kind)
