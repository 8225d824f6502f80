"""The editor model: a buffer with a caret, a selection and undo history, and every command a
key can trigger (motions, typing, Python-aware Enter/Tab/comment, clipboard text, find, go to
line). Widgets translate input into these calls. Must not import pygame or torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from game.text import pyedit, words
from game.text.buffer import Buffer, Pos, clean_text, end_of
from game.text.find import find_next
from game.text.history import Change, History, Step


def _shift(pos: Pos, edit: pyedit.LineEdit) -> Pos:
    """Where `pos` ends up after a single-line edit."""
    if pos.line != edit.line or pos.col <= edit.col:
        return pos
    if pos.col >= edit.col + edit.remove:
        return Pos(pos.line, pos.col + len(edit.insert) - edit.remove)
    return Pos(pos.line, edit.col)


def _offset_to_pos(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset)
    return Pos(line, offset - (text.rfind("\n", 0, offset) + 1))


class Editor:
    def __init__(self, text: str = "", *, clock: Callable[[], float] = time.monotonic) -> None:
        self.buffer = Buffer(text)
        self.history = History()
        self.caret = Pos(0, 0)
        self.anchor = Pos(0, 0)  # equal to the caret when nothing is selected
        self.version = 0  # bumps on every change of the text
        self._goal_col: int | None = None  # kept across Up/Down through short lines
        self._line_clip: str | None = None  # text of the last whole-line copy
        self._clock = clock

    # -- reading ------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.buffer.text

    @property
    def lines(self) -> Sequence[str]:
        return self.buffer.lines

    @property
    def has_selection(self) -> bool:
        return self.anchor != self.caret

    @property
    def selection(self) -> tuple[Pos, Pos]:
        """Start and end of the selection in document order (equal when empty)."""
        return (self.anchor, self.caret) if self.anchor <= self.caret else (self.caret, self.anchor)

    @property
    def selected_text(self) -> str:
        return self.buffer.get(*self.selection)

    def _selected_lines(self) -> tuple[int, int]:
        start, end = self.selection
        last = end.line - 1 if end.col == 0 and end.line > start.line else end.line
        return start.line, last

    # -- applying and recording changes -------------------------------------------------------
    def _replace(self, start: Pos, end: Pos, text: str, kind: str) -> bool:
        before = (self.anchor, self.caret)
        removed = self.buffer.get(start, end)
        if not removed and not text:
            return False
        start = min(self.buffer.clamp(start), self.buffer.clamp(end))
        self.caret = self.anchor = self.buffer.replace(start, end, text)
        self._goal_col = None
        self.history.record([Change(start, removed, text)], before, (self.anchor, self.caret), kind, self._clock())
        self.version += 1
        return True

    def _apply_line_edits(self, edits: list[pyedit.LineEdit], kind: str) -> bool:
        if not edits:
            return False
        before = (self.anchor, self.caret)
        changes = []
        for edit in edits:
            start, end = Pos(edit.line, edit.col), Pos(edit.line, edit.col + edit.remove)
            changes.append(Change(start, self.buffer.get(start, end), edit.insert))
            self.buffer.replace(start, end, edit.insert)
            self.anchor, self.caret = _shift(self.anchor, edit), _shift(self.caret, edit)
        self.history.record(changes, before, (self.anchor, self.caret), kind, self._clock())
        self.history.seal()
        self.version += 1
        return True

    def _replay(self, step: Step, undo: bool) -> None:
        if undo:
            for change in reversed(step.changes):
                self.buffer.replace(change.start, end_of(change.start, change.inserted), change.removed)
            self.anchor, self.caret = step.before
        else:
            for change in step.changes:
                self.buffer.replace(change.start, end_of(change.start, change.removed), change.inserted)
            self.anchor, self.caret = step.after
        self._goal_col = None
        self.version += 1

    def undo(self) -> bool:
        step = self.history.pop_undo()
        if step is not None:
            self._replay(step, undo=True)
        return step is not None

    def redo(self) -> bool:
        step = self.history.pop_redo()
        if step is not None:
            self._replay(step, undo=False)
        return step is not None

    def set_text(self, text: str) -> bool:
        """Replace the whole text as one undo step (reset to starter, a change made in another
        editor). Only the differing middle is replaced, so the caret stays near its place."""
        old, new = self.buffer.text, clean_text(text)
        if old == new:
            return False
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        start = _offset_to_pos(old, prefix)
        old_end = _offset_to_pos(old, len(old) - suffix)
        caret = self.caret
        self.history.seal()
        self._replace(start, old_end, new[prefix : len(new) - suffix], "replace")
        new_end = self.caret
        if caret <= start:
            self.caret = caret
        elif caret >= old_end:
            col = caret.col - old_end.col + new_end.col if caret.line == old_end.line else caret.col
            self.caret = Pos(caret.line - old_end.line + new_end.line, col)
        self.anchor = self.caret
        self.history.seal()
        return True

    # -- caret and selection -----------------------------------------------------------------
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
            target = Pos(c.line, words.word_left(self.buffer.line(c.line), c.col) if word else c.col - 1)
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

    # -- editing ------------------------------------------------------------------------------
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
        return self._apply_line_edits(pyedit.indent_lines(self.lines, *self._selected_lines()), "indent")

    def dedent(self) -> bool:
        return self._apply_line_edits(pyedit.dedent_lines(self.lines, *self._selected_lines()), "dedent")

    def toggle_comment(self) -> bool:
        return self._apply_line_edits(pyedit.toggle_comment_lines(self.lines, *self._selected_lines()), "comment")

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
    def find(self, query: str, *, backwards: bool = False, case_sensitive: bool = False, incremental: bool = False) -> bool:
        """Select the next match of `query`. `incremental` (the query is being typed) may keep
        the current match instead of jumping past it."""
        start, end = self.selection
        origin = start if backwards or incremental else end
        match = find_next(self.lines, query, origin, backwards=backwards, case_sensitive=case_sensitive)
        if match is None:
            return False
        self.move_to(match[0])
        self.move_to(match[1], select=True)
        return True
