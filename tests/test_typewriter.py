"""The typewriter on its own: it types at the given speed, completes at once, lays a line out
again only when asked with a new key, and keeps the newest words in view in a short box."""

from __future__ import annotations

import pygame
import pytest

from game.ui.fonts import Fonts
from game.ui.theme import DEFAULT
from game.ui.widgets.richtext import RichText
from game.ui.widgets.typewriter import Typewriter

LINE = "Mwahahaha! Behold, apprentice: a tensor is a box of numbers with a shape. " * 4


@pytest.fixture
def fonts() -> Fonts:
    pygame.display.init()
    pygame.font.init()
    return Fonts(1.0)


def loaded(fonts: Fonts, width: int = 300, *, instant: bool = False) -> Typewriter:
    tw = Typewriter()
    tw.set_text(
        ("line", 1), lambda: RichText(LINE, fonts, DEFAULT, width, base=22), instant=instant
    )
    return tw


def test_it_types_at_the_speed_given_and_stops_at_the_end(fonts: Fonts) -> None:
    tw = loaded(fonts)
    assert tw.typing and tw.revealed == 0
    tw.tick(0.5, 40)
    assert tw.revealed == pytest.approx(20) and tw.typing
    tw.tick(60.0, 40)
    assert tw.revealed >= tw.text.chars and not tw.typing  # type: ignore[union-attr]


def test_zero_speed_or_complete_shows_the_whole_line(fonts: Fonts) -> None:
    assert not loaded(fonts, instant=True).typing
    tw = loaded(fonts)
    tw.tick(0.01, 0)
    assert not tw.typing
    again = loaded(fonts)
    again.complete()
    assert not again.typing


def test_the_line_is_laid_out_again_only_for_a_new_key(fonts: Fonts) -> None:
    made: list[int] = []

    def make() -> RichText:
        made.append(1)
        return RichText(LINE, fonts, DEFAULT, 300, base=22)

    tw = Typewriter()
    for key in [("a",), ("a",), ("b",)]:
        tw.set_text(key, make, instant=False)
    assert len(made) == 2
    tw.restart()
    tw.set_text(("b",), make, instant=False)
    assert len(made) == 3 and tw.revealed == 0


def test_a_long_line_scrolls_to_keep_the_typing_in_view(fonts: Fonts) -> None:
    tw = loaded(fonts, width=200)
    text = tw.text
    assert text is not None and text.height > 3 * text.line_height
    assert tw.first_hidden_line() == 1
    tw.complete()
    last = max(p.line for p in text.pieces)
    assert tw.first_hidden_line() == last + 1
    surface = pygame.Surface((220, 2 * text.line_height))
    tw.draw(surface, surface.get_rect())  # two lines of room: draws the last two, no error
    assert surface.get_bounding_rect().height > 0
