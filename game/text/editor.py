"""The editor model: `Editor` joins the state and undo machinery (`editor_core`), the caret
commands (`editor_motion`) and typing commands (`editor_typing`), and adds clipboard text and
find. Widgets translate input into these calls. Must not import pygame or torch.
"""

from __future__ import annotations

from game.text.buffer import Pos, clean_text
from game.text.editor_motion import MotionCommands
from game.text.editor_typing import TypingCommands
from game.text.find import find_next


class Editor(TypingCommands, MotionCommands):
    # -- clipboard text (the widget owns the real clipboard) ---------------------------------
    def copy(self) -> str:
        """The selection, or the caret's whole line (with its newline) when nothing is selected."""
        if self.has_selection:
            self._line_clip = None
            return self.selected_text
        self._line_clip = self.buffer.line(self.caret.line) + "\n"
        return self._line_clip

    def cut(self) -> str:
        text = self.copy()
        if self.has_selection:
            self._replace(*self.selection, "", "cut")
            return text
        line = self.caret.line
        if line + 1 < self.buffer.line_count:
            self._replace(Pos(line, 0), Pos(line + 1, 0), "", "cut")
        else:
            start = Pos(line - 1, len(self.buffer.line(line - 1))) if line else Pos(0, 0)
            self._replace(start, self.buffer.end, "", "cut")
        return text

    def paste(self, text: str) -> bool:
        """Paste; a whole line copied without a selection goes above the caret's line."""
        self.history.seal()
        if text and text == self._line_clip and not self.has_selection:
            col = self.caret.col
            line = self.caret.line
            done = self._replace(Pos(line, 0), Pos(line, 0), clean_text(text), "paste")
            self.move_to(Pos(line + text.count("\n"), col))
            return done
        done = self.insert(text, "paste")
        self.history.seal()
        return done

    # -- find ----------------------------------------------------------------------------------
    def find(
        self,
        query: str,
        *,
        backwards: bool = False,
        case_sensitive: bool = False,
        incremental: bool = False,
    ) -> bool:
        """Select the next match of `query`. `incremental` (the query is being typed) may keep
        the current match instead of jumping past it."""
        start, end = self.selection
        origin = start if backwards or incremental else end
        match = find_next(
            self.lines, query, origin, backwards=backwards, case_sensitive=case_sensitive
        )
        if match is None:
            return False
        self.move_to(match[0])
        self.move_to(match[1], select=True)
        return True
