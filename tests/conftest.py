"""Shared test set-up: headless SDL, a private user-data folder so tests never touch a
real player's saves, and a quiet speech engine unless a test asks for the real one."""

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


class _QuietEngine:
    def say(self, text: str) -> None: ...

    def runAndWait(self) -> None: ...


@pytest.fixture(autouse=True)
def _quiet_speech(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's speech engine stays out of UI tests: whether eSpeak is installed differs
    between machines, and its answer comes on its own thread (Settings would change under the
    test). Tests marked `real_speech` (tests/test_speech_engine.py) use the real one."""
    if request.node.get_closest_marker("real_speech") is None:
        monkeypatch.setattr("game.ui.speech._pyttsx3_engine", _QuietEngine)
