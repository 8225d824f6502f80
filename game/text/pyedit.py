"""Python-aware line edits, computed as plans the editor applies: the indentation for a new
line, indent/dedent of a block of lines, and comment toggling. Pure functions over line
strings. Must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.text.buffer import TAB_SIZE
from game.text.words import leading_spaces

INDENT = " " * TAB_SIZE
# After these statements the block is over, so the next line steps back one level.
_BLOCK_ENDERS = frozenset({"return", "pass", "break", "continue", "raise"})


@dataclass(frozen=True)
class LineEdit:
    """On `line`, replace `remove` characters from `col` with `insert`."""

    line: int
    col: int
    remove: int
    insert: str


def code_part(text: str) -> str:
    """`text` without a trailing `#` comment (a `#` inside a string literal is kept)."""
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif text.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif ch == "#":
            return text[:i]
        elif ch in "'\"":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote) - 1
        i += 1
    return text


def newline_indent(before_caret: str) -> str:
    """Indentation for the line that Enter opens, given the text left of the caret."""
    indent = " " * min(leading_spaces(before_caret), len(before_caret))
    code = code_part(before_caret).rstrip()
    if code.endswith(":"):
        return indent + INDENT
    words = code.split(None, 1)
    if words and words[0] in _BLOCK_ENDERS:
        return indent[: max(0, len(indent) - TAB_SIZE)]
    return indent


def back_to_tab_stop(col: int) -> int:
    """Where Backspace inside leading spaces goes: the previous multiple of the indent."""
    return (col - 1) // TAB_SIZE * TAB_SIZE


def indent_lines(lines: Sequence[str], first: int, last: int) -> list[LineEdit]:
    return [LineEdit(i, 0, 0, INDENT) for i in range(first, last + 1) if lines[i].strip()]


def dedent_lines(lines: Sequence[str], first: int, last: int) -> list[LineEdit]:
    edits = []
    for i in range(first, last + 1):
        remove = min(TAB_SIZE, leading_spaces(lines[i]))
        if remove:
            edits.append(LineEdit(i, 0, remove, ""))
    return edits


def toggle_comment_lines(lines: Sequence[str], first: int, last: int) -> list[LineEdit]:
    """Comment the non-blank lines at their common indentation, or uncomment them when every
    one of them is already a comment."""
    targets = [i for i in range(first, last + 1) if lines[i].strip()]
    if not targets:
        return []
    if all(lines[i].lstrip(" ").startswith("#") for i in targets):
        edits = []
        for i in targets:
            col = leading_spaces(lines[i])
            remove = 2 if lines[i].startswith("# ", col) else 1
            edits.append(LineEdit(i, col, remove, ""))
        return edits
    col = min(leading_spaces(lines[i]) for i in targets)
    return [LineEdit(i, col, 0, "# ") for i in targets]
