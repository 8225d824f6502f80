"""Where words start and end inside one line, and smart Home. Shared by caret motions,
Ctrl+Backspace and double-click. Must not import pygame or torch.
"""

from __future__ import annotations

SPACE, WORD, PUNCT = 0, 1, 2


def char_class(ch: str) -> int:
    if ch.isspace():
        return SPACE
    if ch.isalnum() or ch == "_":
        return WORD
    return PUNCT


def word_left(text: str, col: int) -> int:
    """Column of the start of the word before `col` (spaces before it are skipped)."""
    col = min(col, len(text))
    while col > 0 and char_class(text[col - 1]) == SPACE:
        col -= 1
    if col == 0:
        return 0
    kind = char_class(text[col - 1])
    while col > 0 and char_class(text[col - 1]) == kind:
        col -= 1
    return col


def word_right(text: str, col: int) -> int:
    """Column of the end of the word after `col` (spaces before it are skipped)."""
    col = max(col, 0)
    while col < len(text) and char_class(text[col]) == SPACE:
        col += 1
    if col == len(text):
        return col
    kind = char_class(text[col])
    while col < len(text) and char_class(text[col]) == kind:
        col += 1
    return col


def word_at(text: str, col: int) -> tuple[int, int]:
    """The run of same-class characters under `col` (a double-click selects this)."""
    if not text:
        return 0, 0
    probe = min(col, len(text) - 1)
    # Clicking just after a word (at its end) should still pick that word.
    if col == len(text) or (
        char_class(text[probe]) != WORD and col > 0 and char_class(text[col - 1]) == WORD
    ):
        probe = col - 1
    kind = char_class(text[probe])
    start, end = probe, probe + 1
    while start > 0 and char_class(text[start - 1]) == kind:
        start -= 1
    while end < len(text) and char_class(text[end]) == kind:
        end += 1
    return start, end


def leading_spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def smart_home(text: str, col: int) -> int:
    """First non-blank column, or column 0 when already there (or the line is blank)."""
    first = leading_spaces(text)
    return 0 if col == first else first
