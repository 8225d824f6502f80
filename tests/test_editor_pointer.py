"""The pointer part alone: clicks, double and triple clicks, the gutter, drags past the edge
and the wheel, on a code view with a fake clock (no window, no event queue)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pygame
import pytest

from game.text import Editor, Pos
from game.ui.editor.code_view import CodeView
from game.ui.editor.pointer import Pointer
from game.ui.fonts import Fonts
from game.ui.theme import DEFAULT


class Rig:
    def __init__(self, text: str) -> None:
        self.now = 0.0
        self.editor = Editor(text)
        self.view = CodeView(self.editor, Fonts(1.0), DEFAULT)
        self.view.rect = pygame.Rect(0, 0, 600, 10 * self.view.line_height)
        self.acted: list[bool] = []
        self.scrolls = 0
        self.pointer = Pointer(
            self.editor,
            self.view,
            acted=self.acted.append,
            scrolled=self._scrolled,
            clock=lambda: self.now,
        )

    def _scrolled(self) -> None:
        self.scrolls += 1

    def at(self, line: int, col: int) -> tuple[int, int]:
        v = self.view
        x = v.text_rect.x + v.pad + col * v.renderer.char_width + 1
        return x, v.rect.y + (line - v.scroll_line) * v.line_height + v.line_height // 2

    def send(self, kind: int, **attrs: Any) -> bool:
        return self.pointer.event(pygame.event.Event(kind, **attrs), focused=True)

    def click(self, xy: tuple[int, int]) -> None:
        self.send(pygame.MOUSEBUTTONDOWN, pos=xy, button=1)
        self.send(pygame.MOUSEBUTTONUP, pos=xy, button=1)


@pytest.fixture
def rig() -> Iterator[Rig]:
    pygame.display.init()  # the pointer reads Shift from pygame's key state
    pygame.font.init()
    yield Rig("\n".join(f"line_{i} = {i} + other" for i in range(40)))
    pygame.display.quit()


def test_clicks_place_then_select_word_then_line(rig: Rig) -> None:
    rig.click(rig.at(2, 2))
    assert rig.editor.caret == Pos(2, 2) and rig.acted == [True]
    rig.now += 0.1
    rig.click(rig.at(2, 2))
    assert rig.editor.selected_text == "line_2"
    rig.now += 0.1
    rig.click(rig.at(2, 2))
    assert rig.editor.selected_text.startswith("line_2 = 2 + other")
    rig.now += 1.0  # too late for a fourth: a single click again
    rig.click(rig.at(2, 2))
    assert not rig.editor.has_selection


def test_a_click_in_the_gutter_selects_the_line(rig: Rig) -> None:
    rig.click((rig.view.rect.x + 2, rig.at(5, 0)[1]))
    assert rig.editor.selected_text.startswith("line_5 = 5")


def test_a_drag_selects_and_past_the_bottom_edge_scrolls(rig: Rig) -> None:
    assert rig.send(pygame.MOUSEBUTTONDOWN, pos=rig.at(1, 0), button=1)
    assert rig.send(pygame.MOUSEMOTION, pos=rig.at(3, 4), rel=(0, 0), buttons=(1, 0, 0))
    assert rig.editor.selection == (Pos(1, 0), Pos(3, 4))
    below = (rig.at(0, 4)[0], rig.view.rect.bottom + 30)
    rig.send(pygame.MOUSEMOTION, pos=below, rel=(0, 0), buttons=(1, 0, 0))
    assert rig.acted[-1] is False  # outside the view: the caret is not forced into view
    for _ in range(3):
        rig.pointer.update()
    assert rig.view.scroll_line == 3
    assert rig.editor.caret.line == rig.view.scroll_line + rig.view.page_lines() - 1
    assert rig.send(pygame.MOUSEBUTTONUP, pos=below, button=1)
    assert not rig.pointer.dragging
    rig.pointer.update()
    assert rig.view.scroll_line == 3  # no drag, no scrolling


def test_hover_and_wheel(rig: Rig) -> None:
    assert not rig.send(pygame.MOUSEMOTION, pos=rig.at(4, 0), rel=(0, 0), buttons=(0, 0, 0))
    assert rig.pointer.hover_line == 4
    wheel = {"x": 0, "flipped": False, "precise_x": 0.0}
    assert rig.send(pygame.MOUSEWHEEL, y=-2, precise_y=-2.0, **wheel)
    assert rig.view.scroll_line == 6 and rig.scrolls == 1
    rig.send(pygame.MOUSEMOTION, pos=(900, 900), rel=(0, 0), buttons=(0, 0, 0))
    assert rig.pointer.hover_line is None
    assert not rig.send(pygame.MOUSEWHEEL, y=1, precise_y=1.0, **wheel)  # not over the code
    assert rig.view.scroll_line == 6
