"""The editor's typing commands: insert, Python-aware Enter, Backspace/Delete, indent,
dedent and comment toggling. Must not import pygame or torch.
"""

from __future__ import annotations

from game.text import pyedit, words
from game.text.buffer import Pos, clean_text
from game.text.editor_core import EditorCore


class TypingCommands(EditorCore):
    def insert(self, text: str, kind: str = "type") -> bool:
        """Type or paste `text` over the selection."""
        text = clean_text(text)
        return self._replace(*self.selection, text, kind) if text or self.has_selection else False

    def newline(self) -> bool:
        """Enter: a new line indented like this one, one level more after a colon. An
        auto-indented line left blank loses its spaces."""
        start, end = self.selection
        before = self.buffer.line(start.line)[: start.col]
        indent = pyedit.newline_indent(before)
        if not before.strip():
            start = Pos(start.line, 0)
        self.history.seal()
        return self._replace(start, end, "\n" + indent, "newline")

    def backspace(self, word: bool = False) -> bool:
        if self.has_selection:
            return self._replace(*self.selection, "", "delete_selection")
        c = self.caret
        text = self.buffer.line(c.line)
        if c.col == 0:
            if c.line == 0:
                return False
            start = Pos(c.line - 1, len(self.buffer.line(c.line - 1)))
        elif word:
            start = Pos(c.line, words.word_left(text, c.col))
        elif not text[: c.col].strip():
            start = Pos(c.line, pyedit.back_to_tab_stop(c.col))
        else:
            start = Pos(c.line, c.col - 1)
        return self._replace(start, c, "", "delete_word" if word else "backspace")

    def delete(self, word: bool = False) -> bool:
        if self.has_selection:
            return self._replace(*self.selection, "", "delete_selection")
        c = self.caret
        text = self.buffer.line(c.line)
        if c.col >= len(text):
            if c.line + 1 >= self.buffer.line_count:
                return False
            end = Pos(c.line + 1, 0)
        else:
            end = Pos(c.line, words.word_right(text, c.col) if word else c.col + 1)
        return self._replace(c, end, "", "delete_word" if word else "delete")

    def indent(self) -> bool:
        """Tab: spaces to the next tab stop, or indent every selected line."""
        if not self.has_selection:
            return self.insert(" " * (pyedit.TAB_SIZE - self.caret.col % pyedit.TAB_SIZE))
        return self._apply_line_edits(
            pyedit.indent_lines(self.lines, *self._selected_lines()), "indent"
        )

    def dedent(self) -> bool:
        return self._apply_line_edits(
            pyedit.dedent_lines(self.lines, *self._selected_lines()), "dedent"
        )

    def toggle_comment(self) -> bool:
        return self._apply_line_edits(
            pyedit.toggle_comment_lines(self.lines, *self._selected_lines()), "comment"
        )
