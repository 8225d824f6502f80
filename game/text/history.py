"""Undo and redo. A step is a list of changes plus the selection before and after it; typing,
Backspace and Delete merge into the open step so one Ctrl+Z undoes a word, not a letter.
Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.text.buffer import Pos, end_of
from game.text.words import SPACE, char_class

# A pause longer than this while typing starts a new undo step.
GROUP_PAUSE_S = 1.0
MERGEABLE = frozenset({"type", "backspace", "delete"})

Selection = tuple[Pos, Pos]  # (anchor, caret); equal when nothing is selected


@dataclass(frozen=True)
class Change:
    """At `start`, `removed` was replaced by `inserted`."""

    start: Pos
    removed: str
    inserted: str


@dataclass
class Step:
    changes: list[Change]
    before: Selection
    after: Selection
    kind: str
    time: float
    sealed: bool = field(default=False)


def _continues(last: Step, change: Change, kind: str, now: float) -> bool:
    if last.sealed or kind not in MERGEABLE or last.kind != kind or now - last.time > GROUP_PAUSE_S:
        return False
    prev = last.changes[-1]
    if kind == "type":
        if (
            change.removed
            or "\n" in change.inserted
            or change.start != end_of(prev.start, prev.inserted)
        ):
            return False
        # A new word after a space starts a new step: undo goes word by word.
        typed_space = char_class(prev.inserted[-1]) == SPACE
        return not (typed_space and char_class(change.inserted[0]) != SPACE)
    if change.inserted or "\n" in change.removed:
        return False
    if kind == "backspace":
        return end_of(change.start, change.removed) == prev.start
    return change.start == prev.start


class History:
    def __init__(self, limit: int = 5000) -> None:
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._limit = limit

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def record(
        self, changes: list[Change], before: Selection, after: Selection, kind: str, now: float
    ) -> None:
        self._redo.clear()
        last = self._undo[-1] if self._undo else None
        if last is not None and len(changes) == 1 and _continues(last, changes[0], kind, now):
            last.changes.append(changes[0])
            last.after = after
            last.time = now
            return
        self._undo.append(Step(list(changes), before, after, kind, now))
        if len(self._undo) > self._limit:
            del self._undo[0]

    def seal(self) -> None:
        """End the open step (the caret moved, or another command ran)."""
        if self._undo:
            self._undo[-1].sealed = True

    def pop_undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        step.sealed = True
        self._redo.append(step)
        return step

    def pop_redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        return step
