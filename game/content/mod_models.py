"""The mod format: a folder with `mod.yaml` beside its own `scenes/`, `puzzles/` and `assets/`.

A mod's scenes and puzzles use the same formats as the base game's. Its story enters the base
game through a door: an extra choice added to a base node that already offers choices (the lab
hub, say), leading into the mod's first scene. Mod scenes may go back with `scene:node` targets.
These models are the single source of truth; field descriptions are the modder's reference.
Must not import pygame or torch.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from game.content.base import Ident, StrictModel, Target
from game.content.scene_models import Requires
from game.content.versions import VERSION_PATTERN, check_spec

MOD_MANIFEST = "mod.yaml"


def _qualified(target: str) -> str:
    if ":" not in target:
        raise ValueError(
            f"`{target}` must name its scene too, as `scene_id:node_id`, "
            "because a mod's door lives in another scene than the one it leads to"
        )
    return target


QualifiedTarget = Annotated[Target, AfterValidator(_qualified)]
"""A node in a named scene: `scene_id:node_id`."""

VersionSpec = Annotated[str, AfterValidator(check_spec)]
"""Comma-separated version clauses, e.g. `>=0.1, <1.0`."""


class Entry(StrictModel):
    """Where the mod's story enters the base game: a door added as an extra choice."""

    at: QualifiedTarget = Field(
        description="The base-game node that gets the door, as `scene_id:node_id`. It must be a "
        "node with `choices` (e.g. `prologue:hub`, the lab hub)."
    )
    label: str = Field(
        min_length=1,
        description="The door's button text, e.g. 'A door that was not there yesterday'.",
    )
    goto: QualifiedTarget = Field(
        description="Where the door leads, as `scene_id:node_id` (usually the mod's first scene)."
    )
    requires: Requires | None = Field(
        default=None, description="Offer the door only when this holds (shown greyed otherwise)."
    )


class Dependency(StrictModel):
    """Another mod this one needs loaded first."""

    id: Ident = Field(description="The other mod's id.")
    version: VersionSpec = Field(
        default="*", description="Which of its versions work, e.g. `>=1.0` (default: any)."
    )


class ModManifest(StrictModel):
    """`mod.yaml`: who the mod is, which game versions it fits and where it enters the story."""

    id: Ident = Field(
        description="The mod's id, unique among mods. Also an act id its scenes and puzzles may "
        "use for `act`/`chapter`, listed under the mod's title on the chapter map."
    )
    title: str = Field(min_length=1, description="Name shown on the Mods screen.")
    version: str = Field(
        pattern=VERSION_PATTERN, description="The mod's own version, e.g. `1.0.0`."
    )
    game: VersionSpec = Field(
        description="Which game versions it fits, as comma-separated clauses, e.g. "
        "`>=0.1, <1.0` (operators `>=`, `<=`, `>`, `<`, `==`, `!=`, `~=`; `0.1.*`; `*` = any)."
    )
    author: str | None = Field(default=None, description="Who made it (shown on the Mods screen).")
    description: str | None = Field(
        default=None, description="One or two sentences for the Mods screen."
    )
    depends: list[Dependency] = Field(
        default_factory=list, description="Mods that must be present and enabled first."
    )
    entry: Entry | None = Field(
        default=None,
        description="Where the story enters the mod. Without it the mod's scenes are reachable "
        "only from other mods.",
    )
