"""Which content roots a session loads: the base game, then mods in order.

Mod discovery (the user's mods folder, manifests, compatibility) lives in `game.content.mods`;
this module only assembles the list. Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path

from game.content.locate import content_root


def content_roots(mod_paths: list[Path] | None = None) -> list[Path]:
    """The base game's root followed by each `--mod` folder."""
    return [content_root(), *[Path(p).resolve() for p in (mod_paths or [])]]
