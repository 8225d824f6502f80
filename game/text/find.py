"""Plain-text search over the buffer's lines: every match (for highlighting) and the next one
from a position, wrapping around. Matches never span lines. Must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.text.buffer import Pos

Match = tuple[Pos, Pos]


def _fold(text: str, case_sensitive: bool) -> str:
    return text if case_sensitive else text.casefold()


def _usable(query: str, case_sensitive: bool) -> str:
    # casefold can change lengths ("ß" -> "ss"); such queries are searched as typed.
    folded = _fold(query, case_sensitive)
    return folded if len(folded) == len(query) else query


def _line_matches(line: str, line_no: int, needle: str, case_sensitive: bool) -> list[Match]:
    hay = _fold(line, case_sensitive)
    if len(hay) != len(line):
        hay = line
    found = []
    col = hay.find(needle)
    while col >= 0:
        found.append((Pos(line_no, col), Pos(line_no, col + len(needle))))
        col = hay.find(needle, col + len(needle))
    return found


def find_all(lines: Sequence[str], query: str, case_sensitive: bool = False) -> list[Match]:
    """Every non-overlapping match of `query`, in document order."""
    if not query or "\n" in query:
        return []
    needle = _usable(query, case_sensitive)
    matches: list[Match] = []
    for i, line in enumerate(lines):
        matches.extend(_line_matches(line, i, needle, case_sensitive))
    return matches


def find_next(
    lines: Sequence[str],
    query: str,
    origin: Pos,
    *,
    backwards: bool = False,
    case_sensitive: bool = False,
) -> Match | None:
    """The first match starting at or after `origin` (before it when `backwards`), wrapping
    around the end of the text."""
    matches = find_all(lines, query, case_sensitive)
    if not matches:
        return None
    if backwards:
        earlier = [m for m in matches if m[0] < origin]
        return earlier[-1] if earlier else matches[-1]
    later = [m for m in matches if m[0] >= origin]
    return later[0] if later else matches[0]
