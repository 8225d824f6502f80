"""The editor pane under real mouse events: click, shift+click, drag, double and triple click,
gutter click, wheel, focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest

from game.ui.editor.harness import Harness

CODE = "import torch\n\ndef summon(n):\n    ramp = torch.zeros(n)\n    return ramp\n"


@pytest.fixture
def make() -> Iterator[Callable[..., Harness]]:
    yield lambda text=CODE, **kw: Harness(text, **kw)
    pygame.key.set_mods(0)
    pygame.display.quit()


def test_click_places_caret_and_shift_click_extends(make: Callable[..., Harness]) -> None:
    h = make()
    h.frame()
    h.click(h.point_at(4, 11))
    h.frame()
    assert "caret 4:12" in h.pane.describe()
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    h.click(h.point_at(4, 24))
    h.frame()
    pygame.key.set_mods(0)
    assert h.pane.editor.selected_text == "torch.zeros(n"


def test_drag_selects_across_lines(make: Callable[..., Harness]) -> None:
    h = make()
    h.frame()
    h.drag(h.point_at(3, 4), h.point_at(4, 8))
    h.frame()
    assert h.pane.editor.selected_text == "summon(n):\n    ramp"


def test_double_click_selects_word_and_triple_click_the_line(make: Callable[..., Harness]) -> None:
    h = make()
    h.frame()
    h.click(h.point_at(4, 14))
    h.click(h.point_at(4, 14))
    h.frame()
    assert h.pane.editor.selected_text == "torch"
    h.click(h.point_at(4, 14))
    h.frame()
    assert h.pane.editor.selected_text == "    ramp = torch.zeros(n)\n"
    h.type("pass")
    h.frame()
    assert h.pane.text == "import torch\n\ndef summon(n):\npass    return ramp\n"


def test_gutter_click_selects_a_line(make: Callable[..., Harness]) -> None:
    h = make()
    h.frame()
    x = h.pane.widget.view.rect.x + 4
    h.click((x, h.point_at(1, 0)[1]))
    h.frame()
    assert h.pane.editor.selected_text == "import torch\n"


def test_wheel_scrolls_the_view_not_the_caret(make: Callable[..., Harness]) -> None:
    h = make("\n".join(f"x{i} = {i}" for i in range(300)))
    h.frame()
    h.post(pygame.MOUSEMOTION, pos=h.point_at(2, 2), rel=(0, 0), buttons=(0, 0, 0))
    h.wheel(-2)
    h.frame()
    assert "lines 7-" in h.pane.describe()
    assert "caret 1:1" in h.pane.describe()
    h.wheel(5)
    h.frame()
    assert "lines 1-" in h.pane.describe()


def test_typing_scrolls_horizontally_to_keep_the_caret_visible(
    make: Callable[..., Harness],
) -> None:
    h = make("")
    h.type("y = " + "a" * 400)
    h.frame()
    widget = h.pane.widget.view
    assert widget.scroll_x > 0
    caret = widget.caret_screen_rect()
    assert widget.text_rect.left <= caret.x <= widget.text_rect.right
    h.key(pygame.K_HOME)
    h.frame()
    assert widget.scroll_x == 0


def test_clicking_outside_unfocuses_and_keys_pass_through(make: Callable[..., Harness]) -> None:
    h = make("abc")
    h.frame()
    h.click((2, 2))  # the harness keeps a margin outside the pane
    h.type("z")
    h.frame()
    assert h.pane.text == "abc"
    assert "unfocused" in h.pane.describe()
    assert any(e.type == pygame.TEXTINPUT for e in h.passed_on)
    h.click(h.point_at(1, 3))
    h.type("d")
    h.frame()
    assert h.pane.text == "abcd"
