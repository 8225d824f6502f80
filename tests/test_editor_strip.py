"""The message strip under the code: alone (which message wins, paging a long one at the
player's text size) and in the pane (Ctrl+M and a click read on; every word gets drawn)."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.text import Marker
from game.ui.editor.harness import Harness
from game.ui.editor.palette import palette_for
from game.ui.editor.strip import HINTS, MessageStrip, choose_message
from game.ui.fonts import Fonts
from game.ui.snapshot import words
from game.ui.theme import DEFAULT

LONG = (
    "NameError: name 'torhc' is not defined. Mwahahaha, apprentice: the library answers only "
    "to its true name, spelled exactly as it was installed, letter by letter, every time."
)


@pytest.fixture
def font() -> Iterator[pygame.font.Font]:
    pygame.font.init()
    yield Fonts(2.0).get("body", 15)


def test_the_runner_finding_on_the_caret_line_wins_then_status_then_marks_then_keys() -> None:
    pal, theme = palette_for(DEFAULT), DEFAULT
    mark = Marker(line=3, kind="error", message="boom")
    text, colour = choose_message(
        here=[mark], status="saved", marked_lines=[3], palette=pal, theme=theme
    )
    assert text == "Line 3 (error): boom" and colour == pal.markers["error"]
    status = choose_message(here=[], status="saved", marked_lines=[3], palette=pal, theme=theme)
    assert status == ("saved", theme.text)
    marked = choose_message(here=[], status="", marked_lines=[7, 3, 7], palette=pal, theme=theme)
    assert marked[0].startswith("Marked in the gutter: lines 3, 7.")
    keys = choose_message(here=[], status="", marked_lines=[], palette=pal, theme=theme)
    assert keys == (HINTS, theme.text_dim) and "Ctrl+F find" in HINTS


def test_a_long_message_is_paged_and_no_word_is_lost(font: pygame.font.Font) -> None:
    strip = MessageStrip()
    strip.layout(pygame.Rect(0, 0, 600, 300), font, 40, 50)
    assert strip.lines == 1  # the code would show fewer than five lines with two
    strip.show(LONG, font)
    assert strip.page_count > 1
    seen: list[str] = []
    for page in range(strip.page_count):
        assert strip.page == page
        lines = strip.shown_lines()
        assert len(lines) == strip.lines
        assert all(font.size(line)[0] <= strip.rect.w - 20 for line in lines)
        seen += lines
        assert strip.next_page()
    assert strip.page == 0  # after the last page, the first again
    assert words(" ".join(seen)) == words(LONG)
    assert "(page 1/" in strip.describe()


def test_a_message_that_fits_has_one_page_and_a_new_one_starts_at_its_top(
    font: pygame.font.Font,
) -> None:
    strip = MessageStrip()
    strip.layout(pygame.Rect(0, 0, 900, 900), font, 20, 50)
    assert strip.lines == 2
    strip.show("Code size 150%.", font)
    assert strip.page_count == 1 and not strip.next_page()
    assert strip.describe() == "[message] Code size 150%."
    strip.layout(pygame.Rect(0, 0, 500, 900), font, 20, 50)
    strip.show(LONG, font)
    strip.next_page()
    strip.show(LONG, font)  # the same message keeps its page
    assert strip.page == 1
    strip.show(LONG + " Again.", font)
    assert strip.page == 0


@pytest.fixture
def harness() -> Iterator[Harness]:
    h = Harness("import torch\n" * 40, size=(700, 420), scale=2.0)
    yield h
    pygame.display.quit()


def test_ctrl_m_and_a_click_read_on_through_a_runner_finding(harness: Harness) -> None:
    h = harness
    h.pane.set_markers([Marker(line=1, kind="error", message=LONG)])
    h.frame()
    snap = h.pane.snapshot()
    assert snap.more == ("ctrl+m",)
    seen = set(snap.shown_words)
    assert "page 1/" in h.pane.describe()
    h.key(pygame.K_m, pygame.KMOD_CTRL)
    h.frame()
    assert "page 2/" in h.pane.describe()
    assert h.pane.text == "import torch\n" * 40  # reading on types nothing
    seen |= h.pane.snapshot().shown_words
    h.click(h.pane.strip.rect.center)
    h.frame()
    assert "page 3/" in h.pane.describe()
    for _ in range(h.pane.strip.page_count):
        seen |= h.pane.snapshot().shown_words
        h.key(pygame.K_m, pygame.KMOD_CTRL)
        h.frame()
    assert snap.content_words <= seen
    assert not [i for i in h.pane.snapshot().ink if i.px < snap.min_px]


def test_the_keys_fit_without_paging_where_there_is_room() -> None:
    h = Harness("x = 1\n", size=(1800, 900), scale=1.0)
    try:
        h.frame()
        snap = h.pane.snapshot()
        assert snap.more == () and snap.content == (HINTS,)
        assert snap.content_words <= snap.shown_words
    finally:
        pygame.display.quit()
