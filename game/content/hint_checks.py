"""Lint: hints climb a ladder and never hand over the answer.

The last hint should be a skeleton with blanks (`____`) for the player to fill, and no hint may
spell out most of the reference solution (half its telling lines or more). Both are warnings: a modder may have reasons, but the
player deserves to be told when a hint gives the puzzle away. Must not import pygame or torch.
"""

from __future__ import annotations

import re

from game.content.diagnostics import Diagnostic
from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry

BLANK = "____"
MIN_TELLING = 24  # shorter lines (`return out`, `import torch`) say nothing about the answer
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def telling_lines(reference: str) -> list[str]:
    """The reference's lines that would give an answer away, without whitespace."""
    out = []
    for raw in reference.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith(("import ", "from ", "def ", "class ", "@")):
            continue
        if len(line) >= MIN_TELLING:
            out.append(_squash(line))
    return out


def _check(entry: PuzzleEntry, lib: ContentLibrary) -> list[Diagnostic]:
    model, doc = entry.model, lib.puzzle_docs[entry.model.id]
    out: list[Diagnostic] = []

    def warn(index: int, code: str, message: str) -> None:
        line = doc.line_of(("hints", index))
        out.append(
            Diagnostic(file=doc.file, line=line, severity="warning", code=code, message=message)
        )

    if model.hints and BLANK not in model.hints[-1]:
        warn(
            len(model.hints) - 1,
            "hint-ladder",
            f"the last hint should be a skeleton with blanks (`{BLANK}`) for the player to fill, "
            "not the answer",
        )
    try:
        reference = (entry.folder / "reference.py").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return out  # the puzzle checks report a missing or unreadable reference
    lines = telling_lines(reference)
    for i, hint in enumerate(model.hints):
        squashed = _squash(hint)
        given = [line for line in lines if line in squashed]
        if len(given) >= max(2, (len(lines) + 1) // 2):
            warn(
                i,
                "hint-gives-answer",
                f"hint {i + 1} spells out {len(given)} of the reference's {len(lines)} telling "
                "lines: leave blanks for the player to fill",
            )
    return out


def check_hints(lib: ContentLibrary) -> list[Diagnostic]:
    return [d for entry in lib.puzzles.values() for d in _check(entry, lib)]
