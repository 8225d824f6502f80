"""Which mods in the user's mods folder the player chose to let run: a mod dropped into the
folder stays off until it is switched on once (Mods screen), so nothing a download brings runs
silently. Mods given with `--mod PATH` are trusted by being named. The list lives in the mods
folder as `.trusted.json` (folder names; the dot keeps it out of mod discovery).
Must not import pygame or torch.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from game.persistence.paths import mods_dir

TRUST_FILE = ".trusted.json"


def trusted_mods() -> set[str]:
    """Folder names (inside the mods folder) the player enabled; unreadable means none."""
    try:
        found = json.loads((mods_dir() / TRUST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(x) for x in found} if isinstance(found, list) else set()


def trust_mod(folder: Path) -> None:
    """Remember that the player switched on the mod in `folder` (a folder in the mods folder)."""
    names = trusted_mods() | {folder.name}
    target = mods_dir() / TRUST_FILE
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps(sorted(names)), encoding="utf-8")
    os.replace(temp, target)
