"""Where the shipped content lives: inside the installed package (`game/_data/...`, put there by
the wheel build) or, in a source checkout, at the repository's top level.

Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def content_root() -> Path:
    """The folder holding `scenes/`, `puzzles/` and `assets/` of the base game."""
    installed = _PACKAGE_DIR / "_data"
    if (installed / "scenes").is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent
    if (checkout / "scenes").is_dir():
        return checkout
    raise FileNotFoundError(
        f"Torchenstein's content is missing: looked in {installed} and {checkout}. "
        "Reinstall the game with `pip install .` from the source folder."
    )


def scenes_dir() -> Path:
    return content_root() / "scenes"


def puzzles_dir() -> Path:
    return content_root() / "puzzles"


def assets_dir() -> Path:
    return content_root() / "assets"
