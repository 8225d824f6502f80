"""The puzzles a runner has loaded: each content root's library, looked up by id and read again
when a puzzle's `puzzle.yaml` changes, and each puzzle's `Bundle` (its cases and answers), built
again when one of its files changes. A mod's bundle builds in a sandbox (`IsolatedBundle`, with
the runner's `Builder`). Trusted side only; imports torch through the bundles, never pygame.
"""

from __future__ import annotations

from pathlib import Path

from game.content.library import load_library
from game.content.puzzle_entry import PuzzleEntry
from game.runner.bundle import Bundle
from game.runner.modbundle import Builder, IsolatedBundle, is_mod_puzzle


class UnknownPuzzleError(LookupError):
    """No puzzle with that id in the loaded content roots."""


def _yaml_stamp(entry: PuzzleEntry) -> float:
    try:
        return (entry.folder / "puzzle.yaml").stat().st_mtime
    except OSError:
        return 0.0


class PuzzleShelf:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder  # how a mod's bundle builds (in a sandbox)
        self.libraries: dict[tuple[Path, ...], dict[str, PuzzleEntry]] = {}
        self.yaml_stamps: dict[Path, float] = {}
        self.bundles: dict[Path, Bundle | IsolatedBundle] = {}

    def find(self, puzzle_id: str, roots: list[Path]) -> PuzzleEntry:
        key = tuple(roots)
        entries = self.libraries.get(key)
        if (
            entries is None
            or puzzle_id not in entries
            or self.yaml_stamps.get(entries[puzzle_id].folder) != _yaml_stamp(entries[puzzle_id])
        ):
            entries = load_library(list(roots)).puzzles
            self.libraries[key] = entries
            self.yaml_stamps.update({e.folder: _yaml_stamp(e) for e in entries.values()})
        if puzzle_id not in entries:
            known = ", ".join(sorted(entries)) or "none"
            raise UnknownPuzzleError(f"no puzzle `{puzzle_id}` (known puzzles: {known})")
        return entries[puzzle_id]

    def bundle(self, entry: PuzzleEntry) -> Bundle:
        """The puzzle's cases and answers; a mod's are built in the sandbox (`modbundle`)."""
        cached = self.bundles.get(entry.folder)
        if cached is None or not cached.fresh() or cached.model != entry.model:
            cached = IsolatedBundle(entry, self.builder) if is_mod_puzzle(entry) else Bundle(entry)
            self.bundles[entry.folder] = cached
        return cached  # type: ignore[return-value]  # an IsolatedBundle has Bundle's face

    def forget(self, entry: PuzzleEntry) -> None:
        """Drop the puzzle's bundle (its code overran: the next run builds afresh)."""
        self.bundles.pop(entry.folder, None)
