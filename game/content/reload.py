"""The in-game reload key: re-read every content root, lint it (fast: no puzzle code runs),
and hand back a new library only when there are no errors.

The UI keeps playing the old library when this returns None and shows the diagnostics in an
overlay; with a new library it continues from the same node if that node still exists
(`Story.has_position()`). Pure: must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path

from game.content.diagnostics import Diagnostic
from game.content.library import ContentLibrary
from game.content.lint import lint_library


def reload_content(roots: list[Path]) -> tuple[ContentLibrary | None, list[Diagnostic]]:
    """(library, diagnostics); the library is None when any diagnostic is an error."""
    lib, diagnostics = lint_library(roots, run_puzzles=False)
    if any(d.severity == "error" for d in diagnostics):
        return None, diagnostics
    return lib, diagnostics
