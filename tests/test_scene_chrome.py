"""The scene screen's chrome alone: the corner chips, what a click on each means, the title
left of them and how far down the two reach (the choices' ceiling)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pygame
import pytest

from game.ui.fonts import Fonts
from game.ui.screens.scene_chrome import CHIPS, SceneChrome
from game.ui.theme import DEFAULT


@pytest.fixture(scope="module", autouse=True)
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_chips_sit_top_right_and_a_click_names_their_intent(scale: float) -> None:
    chrome, surface = SceneChrome(), pygame.Surface((1024, 640))
    assert chrome.chip_at((1000, 10)) is None and chrome.targets() == {}  # before any frame
    chrome.draw(surface, Fonts(scale), DEFAULT, None)
    assert list(chrome.chips) == [key for key, _ in reversed(CHIPS)]
    rects = list(chrome.chips.values())
    assert all(a.left > b.right for a, b in pairwise(rects))  # no overlap
    assert rects[0].right <= 1024 and all(r.top >= 0 for r in rects)
    for key, rect in chrome.chips.items():
        assert chrome.chip_at(rect.center) == key
        assert chrome.targets()[f"chip:{key}"] == (*rect.topleft, *rect.size)
    assert chrome.chip_at((5, 600)) is None
    assert chrome.top == max(r.bottom for r in rects)


def test_a_long_title_wraps_left_of_the_chips_and_lowers_the_ceiling() -> None:
    chrome, surface = SceneChrome(), pygame.Surface((1024, 640))
    fonts = Fonts(2.0)
    chrome.draw(surface, fonts, DEFAULT, "Short")
    short_top = chrome.top
    chrome.draw(surface, fonts, DEFAULT, "A Very Long Title For A Scene " * 4)
    assert chrome.top > short_top, "a wrapped title reaches further down"


def test_a_window_too_narrow_for_a_title_keeps_the_chips() -> None:
    chrome, surface = SceneChrome(), pygame.Surface((420, 640))
    chrome.draw(surface, Fonts(2.0), DEFAULT, "The Transmission")
    assert set(chrome.chips) == {key for key, _ in CHIPS}
    assert chrome.top == max(r.bottom for r in chrome.chips.values())
