"""Shared test set-up: headless SDL, and a private user-data folder so tests never touch a
real player's saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    user_dir = tmp_path / "user"
    monkeypatch.setenv("TORCHENSTEIN_HOME", str(user_dir))
    return user_dir
