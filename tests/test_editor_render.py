"""Line rendering: spans cut into chunks for long lines, surfaces as wide as the columns they
show, blank lines cost nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.ui.editor.palette import palette_for
from game.ui.editor.render import CHUNK, LineRenderer, slice_spans
from game.ui.fonts import font
from game.ui.theme import DEFAULT


@pytest.fixture
def renderer() -> Iterator[LineRenderer]:
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield LineRenderer(font("mono", 17), palette_for(DEFAULT))
    pygame.display.quit()


def test_slice_spans_cuts_at_both_ends() -> None:
    spans = [("keyword", "def"), ("text", " "), ("function", "f"), ("punct", "():")]
    assert slice_spans(spans, 2, 6) == [
        ("keyword", "f"),
        ("text", " "),
        ("function", "f"),
        ("punct", "("),
    ]
    assert slice_spans(spans, 0, 100) == spans
    assert slice_spans(spans, 7, 9) == [("punct", ":")]
    assert slice_spans(spans, 8, 9) == []


def test_short_lines_render_whole_and_blank_lines_not_at_all(renderer: LineRenderer) -> None:
    text = "x != 0x1F  # ok"
    pieces = renderer.pieces(("", text), text, [("text", text)], 0, 80)
    assert [(x, s.get_width()) for x, s in pieces] == [(0, len(text) * renderer.char_width)]
    assert renderer.pieces(("", "    "), "    ", [("text", "    ")], 0, 80) == []


def test_long_lines_render_only_the_visible_chunks(renderer: LineRenderer) -> None:
    text = "a" * (CHUNK * 10)
    cw = renderer.char_width
    pieces = renderer.pieces(("", text), text, [("text", text)], CHUNK * 3 + 5, CHUNK * 4 + 5)
    assert [x for x, _ in pieces] == [CHUNK * 3 * cw, CHUNK * 4 * cw]
    assert all(s.get_width() == CHUNK * cw for _, s in pieces)


def test_line_cache_stays_within_its_memory_budget(renderer: LineRenderer) -> None:
    cache = renderer._lines
    cache.budget = 3 * 40 * renderer.line_height * 4  # room for three 40-pixel-wide lines
    for i in range(10):
        text = f"v{i}"
        renderer.pieces(("", text), text, [("text", text)], 0, 80)
    assert cache.used <= cache.budget
    assert ("", "v9") in cache and ("", "v0") not in cache
