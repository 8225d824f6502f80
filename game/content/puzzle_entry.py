"""A puzzle as the library knows it: its validated `puzzle.yaml` plus the folder holding its
files (`PUZZLE_FILES`), from which the brief, starter and support module are read when asked.
Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.checking_notes import with_checking_section
from game.content.puzzle_models import Puzzle
from game.content.yaml_source import read_text

PUZZLE_FILES = ("puzzle.yaml", "brief.md", "starter.py", "reference.py", "cases.py")


@dataclass(frozen=True)
class PuzzleEntry:
    """A puzzle's metadata plus where its files are. Only the runner reads reference/cases."""

    model: Puzzle
    folder: Path

    @property
    def brief(self) -> str:
        """`brief.md` as the player reads it: ending with the generated "How it is checked"."""
        return with_checking_section(
            read_text(self.folder / "brief.md"), self.model, self.has_support
        )

    @property
    def starter(self) -> str:
        return read_text(self.folder / "starter.py")

    @property
    def support_path(self) -> Path | None:
        """The `support` module the player may import: the puzzle's own `support.py`, else
        the shared module named by `support:` (inside the root's `puzzles/` folder)."""
        own = self.folder / "support.py"
        if own.is_file():
            return own
        if self.model.support is None or ".." in Path(self.model.support).parts:
            return None
        shared = self.folder.parent / self.model.support
        return shared if shared.is_file() else None

    @property
    def has_support(self) -> bool:
        return self.support_path is not None
