"""The editor's state and its change machinery: the buffer, caret, selection and undo
history, applying edits as recorded steps, undo/redo and whole-text replacement. The command
families (motions, typing, clipboard, find) build on it. Must not import pygame or torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from game.text import pyedit
from game.text.buffer import Buffer, Pos, clean_text, end_of
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


class EditorCore:
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
        self.history.record(
            [Change(start, removed, text)], before, (self.anchor, self.caret), kind, self._clock()
        )
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
                self.buffer.replace(
                    change.start, end_of(change.start, change.inserted), change.removed
                )
            self.anchor, self.caret = step.before
        else:
            for change in step.changes:
                self.buffer.replace(
                    change.start, end_of(change.start, change.removed), change.inserted
                )
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
