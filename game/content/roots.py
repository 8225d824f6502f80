"""Which content roots a session loads: the base game, then the enabled mods in order.

Mod discovery (the user's mods folder, manifests, compatibility) lives in `game.content.mods`;
this module only hands its answer on. Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path

from game.content.mod_trust import trusted_mods
from game.content.mods import discover_mods


def content_roots(mod_paths: list[Path] | None = None) -> list[Path]:
    """The base game's root followed by every enabled mod (user mods folder and `--mod`s).
    Broken mods are left out; `discover_mods` says why."""
    return discover_mods([Path(p) for p in mod_paths or []], trusted=trusted_mods()).roots
