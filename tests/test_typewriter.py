"""The dialogue typewriter alone (no screen, no story): the reveal at a speed, finishing a page,
and the paging of a line too tall for its area, which shows every word from the line's
beginning, page by page, at any size and scale, and keeps the page being read when the window
or the text size changes."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.fonts import Fonts
from game.ui.snapshot import words
from game.ui.theme import DEFAULT, HIGH_CONTRAST
from game.ui.widgets.ink import LOG
from game.ui.widgets.typewriter import Typewriter

LONG = " ".join(f"word{i}" for i in range(120))
SHORT = "Mwahahaha, apprentice!"


@pytest.fixture(scope="module", autouse=True)
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((800, 600))
    yield
    pygame.display.quit()


def shown(tw: Typewriter, fonts: Fonts) -> set[str]:
    """The words the typewriter puts on the window now (whole and inside its clip)."""
    window = pygame.display.get_surface()
    assert window is not None
    LOG.begin_frame()
    LOG.owner = tw
    tw.draw(window, fonts, DEFAULT)
    LOG.owner = None
    return set().union(*(words(ink.text) for ink in LOG.of(tw)))


def test_a_short_line_types_out_at_its_speed_and_finishes_on_demand() -> None:
    fonts, tw = Fonts(1.0), Typewriter()
    tw.fit(SHORT, pygame.Rect(10, 10, 600, 200), fonts, DEFAULT, narrator=False, instant=False)
    assert tw.text is not None and tw.page_count == 1 and not tw.more_pages
    assert tw.typing and tw.revealed == 0
    tw.tick(0.1, 40)  # 40 characters a second
    assert tw.revealed == pytest.approx(4) and tw.typing
    assert shown(tw, fonts) <= {"mwah"}  # a word is never shown before it is typed whole
    tw.finish()
    assert not tw.typing and tw.revealed == tw.text.chars
    assert shown(tw, fonts) == words(SHORT)


def test_speed_zero_shows_the_page_at_once() -> None:
    fonts, tw = Fonts(1.0), Typewriter()
    tw.fit(SHORT, pygame.Rect(10, 10, 600, 200), fonts, DEFAULT, narrator=True, instant=True)
    assert not tw.typing
    tw.restart()
    assert tw.revealed == 0 and tw.page == 0
    tw.fit(SHORT, pygame.Rect(10, 10, 600, 200), fonts, DEFAULT, narrator=True, instant=False)
    tw.tick(1 / 60, 0)
    assert not tw.typing


def test_a_long_line_is_paged_from_its_beginning_and_says_there_is_more() -> None:
    fonts, tw = Fonts(2.0), Typewriter()
    area = pygame.Rect(10, 10, 500, 160)
    tw.fit(LONG, area, fonts, DEFAULT, narrator=False, instant=False)
    assert tw.text is not None and tw.page_count > 2 and tw.more_pages
    assert tw.per_page == max(1, area.height // tw.text.line_height - 1)  # a row for "more"
    tw.tick(1000.0, 40)
    assert not tw.typing and tw.revealed == tw.page_end < tw.text.chars, "stops at the page"
    first = shown(tw, fonts)
    assert "word0" in first and "more" in first and "space" in first
    assert tw.from_page() is None  # on the first page the line as written stands
    tw.turn_page(instant=False)
    assert tw.page == 1 and tw.typing and "more" not in shown(tw, fonts)
    rest = tw.from_page()
    assert rest is not None and rest.split()[-1] == "word119" and "word0" not in rest.split()


def test_the_last_page_has_no_more_sign_and_the_line_fits_or_not() -> None:
    fonts, tw = Fonts(1.0), Typewriter()
    tw.fit(LONG, pygame.Rect(10, 10, 400, 90), fonts, DEFAULT, narrator=False, instant=True)
    assert tw.text is not None and not tw.fits(tw.text.line_height)
    assert tw.fits(tw.rows * tw.text.line_height)
    while tw.more_pages:
        tw.turn_page(instant=True)
    assert tw.revealed == tw.text.chars and "more" not in shown(tw, fonts)
    tw.fit(None, pygame.Rect(10, 10, 400, 90), fonts, DEFAULT, narrator=False, instant=True)
    assert tw.text is None and not tw.typing and tw.page_count == 1 and tw.fits(0)


def test_a_new_size_keeps_the_page_holding_the_last_word_read() -> None:
    fonts, tw = Fonts(1.0), Typewriter()
    tw.fit(LONG, pygame.Rect(10, 10, 300, 100), fonts, DEFAULT, narrator=False, instant=True)
    tw.turn_page(instant=True)
    tw.turn_page(instant=True)
    assert tw.page == 2 and tw.revealed > 0
    for size, scale, theme in (((500, 100), 1.0, DEFAULT), ((300, 100), 2.0, HIGH_CONTRAST)):
        fonts = Fonts(scale)
        revealed = int(tw.revealed)
        tw.fit(LONG, pygame.Rect((10, 10), size), fonts, theme, narrator=False, instant=False)
        assert tw.text is not None and int(tw.revealed) == revealed, "nothing read is lost"
        row = tw.text.line_of(revealed - 1)
        assert tw.page * tw.per_page <= row < (tw.page + 1) * tw.per_page


@settings(max_examples=25, deadline=None)
@given(
    count=st.integers(1, 90),
    height=st.integers(20, 260),
    width=st.integers(120, 700),
    scale=st.sampled_from([0.8, 1.0, 1.5, 2.0]),
)
def test_paging_shows_every_word_of_any_line(
    count: int, height: int, width: int, scale: float
) -> None:
    """Space after Space (finish the page, turn it) shows each word whole, in order, and the
    reveal never runs past the page on show."""
    fonts, tw = Fonts(scale), Typewriter()
    line = " ".join(f"w{i}" for i in range(count))
    tw.fit(line, pygame.Rect(5, 5, width, height), fonts, DEFAULT, narrator=False, instant=False)
    seen: set[str] = set()
    for _ in range(count + 1):
        tw.tick(0.25, 30)
        assert tw.revealed <= tw.page_end
        tw.finish()
        seen |= shown(tw, fonts)
        if not tw.more_pages:
            break
        tw.turn_page(instant=False)
    assert words(line) <= seen
