"""The suite tests the working tree it sits in, whichever way pytest was started."""

from __future__ import annotations

from pathlib import Path

import game
from tests.conftest import REPO


def test_the_game_under_test_is_this_checkout() -> None:
    assert Path(game.__file__).resolve().parent == REPO / "game"
