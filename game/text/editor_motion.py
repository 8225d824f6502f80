"""The editor's caret and selection commands: arrows, word jumps, Home/End, select word or
line, go to line. Must not import pygame or torch.
"""

from __future__ import annotations

from game.text import words
from game.text.buffer import Pos
from game.text.editor_core import EditorCore


class MotionCommands(EditorCore):
    def move_to(self, pos: Pos, select: bool = False, *, keep_goal: bool = False) -> None:
        self.history.seal()
        self.caret = self.buffer.clamp(pos)
        if not select:
            self.anchor = self.caret
        if not keep_goal:
            self._goal_col = None

    def move_left(self, select: bool = False, word: bool = False) -> None:
        if self.has_selection and not select:
            return self.move_to(self.selection[0])
        c = self.caret
        if c.col == 0:
            target = Pos(c.line - 1, len(self.buffer.line(c.line - 1))) if c.line else c
        else:
            target = Pos(
                c.line, words.word_left(self.buffer.line(c.line), c.col) if word else c.col - 1
            )
        self.move_to(target, select)

    def move_right(self, select: bool = False, word: bool = False) -> None:
        if self.has_selection and not select:
            return self.move_to(self.selection[1])
        c = self.caret
        text = self.buffer.line(c.line)
        if c.col >= len(text):
            target = Pos(c.line + 1, 0) if c.line + 1 < self.buffer.line_count else c
        else:
            target = Pos(c.line, words.word_right(text, c.col) if word else c.col + 1)
        self.move_to(target, select)

    def move_vertical(self, delta: int, select: bool = False) -> None:
        """Up (negative) or down by `delta` lines, keeping the column the caret wants."""
        goal = self.caret.col if self._goal_col is None else self._goal_col
        line = self.caret.line + delta
        if line < 0:
            target = Pos(0, 0)
        elif line >= self.buffer.line_count:
            target = self.buffer.end
        else:
            target = Pos(line, goal)
        self.move_to(target, select, keep_goal=True)
        self._goal_col = goal

    def move_home(self, select: bool = False) -> None:
        c = self.caret
        self.move_to(Pos(c.line, words.smart_home(self.buffer.line(c.line), c.col)), select)

    def move_end(self, select: bool = False) -> None:
        self.move_to(Pos(self.caret.line, len(self.buffer.line(self.caret.line))), select)

    def move_doc_start(self, select: bool = False) -> None:
        self.move_to(Pos(0, 0), select)

    def move_doc_end(self, select: bool = False) -> None:
        self.move_to(self.buffer.end, select)

    def select_all(self) -> None:
        self.move_to(Pos(0, 0))
        self.move_to(self.buffer.end, select=True)

    def select_word(self, pos: Pos) -> None:
        pos = self.buffer.clamp(pos)
        start, end = words.word_at(self.buffer.line(pos.line), pos.col)
        self.move_to(Pos(pos.line, start))
        self.move_to(Pos(pos.line, end), select=True)

    def select_line(self, line: int) -> None:
        self.move_to(Pos(line, 0))
        last = line + 1 >= self.buffer.line_count
        self.move_to(self.buffer.end if last else Pos(line + 1, 0), select=True)

    def goto_line(self, number: int) -> None:
        """Put the caret on 1-based line `number` (clamped), at its first non-blank."""
        line = min(max(number, 1), self.buffer.line_count) - 1
        self.move_to(Pos(line, words.leading_spaces(self.buffer.line(line))))
