"""Where the player's files live. `TORCHENSTEIN_HOME` overrides the platform folder (tests use
it so they never touch a real player's saves). Must not import pygame or torch.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def user_home() -> Path:
    override = os.environ.get("TORCHENSTEIN_HOME")
    root = Path(override) if override else Path(user_data_dir("torchenstein", appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _sub(name: str) -> Path:
    path = user_home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def saves_dir() -> Path:
    return _sub("saves")


def mods_dir() -> Path:
    return _sub("mods")


def drafts_dir() -> Path:
    """Drafts written for 'Open in my editor'."""
    return _sub("drafts")


def settings_file() -> Path:
    return user_home() / "settings.json"


def logs_dir() -> Path:
    """One log file per game session (see `game.logging_setup`)."""
    return _sub("logs")
