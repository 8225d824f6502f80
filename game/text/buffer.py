"""Lines of text and positions in them. The only mutation is `Buffer.replace`, so undo, syntax
caches and the UI can all follow edits through one door. Must not import pygame or torch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

TAB_SIZE = 4

# Control characters other than newline would be invisible in the editor and confuse Python.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, order=True, slots=True)
class Pos:
    """A caret position: 0-based line and 0-based column (in characters)."""

    line: int
    col: int


def end_of(start: Pos, text: str) -> Pos:
    """Where `text` ends once inserted at `start`."""
    newlines = text.count("\n")
    if newlines == 0:
        return Pos(start.line, start.col + len(text))
    return Pos(start.line + newlines, len(text) - text.rfind("\n") - 1)


def clean_text(text: str) -> str:
    """Text as the editor stores it: `\\n` newlines, tabs expanded to spaces (Python rejects
    mixed tabs and spaces, and the editor indents with spaces), no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(TAB_SIZE)
    return _CONTROL.sub("", text)


class Buffer:
    """A list of lines (never empty: an empty text is one empty line)."""

    def __init__(self, text: str = "") -> None:
        self._lines: list[str] = clean_text(text).split("\n")
        # Called with the first line index an edit touched (syntax caches start over from there).
        self.listeners: list[Callable[[int], None]] = []

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    @property
    def lines(self) -> Sequence[str]:
        """The live lines; read them, never mutate them (use `replace`)."""
        return self._lines

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line(self, index: int) -> str:
        return self._lines[index]

    def clamp(self, pos: Pos) -> Pos:
        line = min(max(pos.line, 0), len(self._lines) - 1)
        col = min(max(pos.col, 0), len(self._lines[line]))
        return Pos(line, col)

    @property
    def end(self) -> Pos:
        return Pos(len(self._lines) - 1, len(self._lines[-1]))

    def get(self, start: Pos, end: Pos) -> str:
        """The text between two positions (in either order)."""
        start, end = sorted((self.clamp(start), self.clamp(end)))
        if start.line == end.line:
            return self._lines[start.line][start.col : end.col]
        parts = [self._lines[start.line][start.col :]]
        parts.extend(self._lines[start.line + 1 : end.line])
        parts.append(self._lines[end.line][: end.col])
        return "\n".join(parts)

    def replace(self, start: Pos, end: Pos, text: str) -> Pos:
        """Replace the text between `start` and `end` with `text` (already cleaned); returns the
        position just after the inserted text."""
        start, end = sorted((self.clamp(start), self.clamp(end)))
        head = self._lines[start.line][: start.col]
        tail = self._lines[end.line][end.col :]
        self._lines[start.line : end.line + 1] = (head + text + tail).split("\n")
        for listener in self.listeners:
            listener(start.line)
        return end_of(start, text)
