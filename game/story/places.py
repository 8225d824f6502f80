"""Where a saved playthrough stands in the content loaded now: whether its place exists, the
last place it visited that still does, and which mod the missing place belonged to.

Used to keep a save whose place vanished (a mod broken, switched off or changed) instead of
silently restarting it. Must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.content.library import ContentLibrary
from game.story.state import GameState


def place_exists(library: ContentLibrary, scene: str, node: str) -> bool:
    found = library.scenes.get(scene)
    return found is not None and node in found.nodes


def state_fits(library: ContentLibrary, state: GameState) -> bool:
    """True when the save's place is in `library` (it can be played from where it stopped)."""
    return place_exists(library, state.scene, state.node)


def last_good_place(library: ContentLibrary, state: GameState) -> tuple[str, str] | None:
    """The newest place the playthrough visited that exists in `library`, or None."""
    for key in reversed(state.seen):
        scene, _, node = key.partition(":")
        if place_exists(library, scene, node):
            return scene, node
    return None


@dataclass(frozen=True)
class ModInfo:
    """What the explanation needs to know about one mod (from the Mods screen's status)."""

    id: str
    title: str
    path: Path
    enabled: bool
    problem: str | None


def owning_mod(scene: str, mods: Iterable[ModInfo]) -> ModInfo | None:
    """The mod whose folder holds the scene `scene`, if any."""
    return next((m for m in mods if (Path(m.path) / "scenes" / f"{scene}.yaml").is_file()), None)


def explain_missing(state: GameState, mods: Iterable[ModInfo]) -> str:
    """Why the save's place is missing, in words for the player."""
    where = f"`{state.scene}:{state.node}`"
    mod = owning_mod(state.scene, mods)
    if mod is None:
        return (
            f"This save stops at {where}, which is not in the story as it is loaded now "
            "(a mod that held it is gone, or it was changed)."
        )
    if not mod.enabled:
        why = f": {mod.problem}" if mod.problem else " (switched off on the Mods screen)"
        return f"This save stops at {where}, in the mod *{mod.title}*, which is off{why}."
    return (
        f"This save stops at {where}, in the mod *{mod.title}*, but the mod no longer has that "
        "place (it was changed since)."
    )
