"""The scene screen's dialogue box alone: its height with and without choices above it, at
small and large text, where the portrait and the text area go, and its drawing of the speaker."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.story.engine import ShownLine
from game.ui.art import Art
from game.ui.fonts import Fonts
from game.ui.screens import scene_box
from game.ui.screens.scene_box import DialogueBox
from game.ui.theme import DEFAULT, HIGH_CONTRAST
from game.ui.widgets.draw import hint_bar_height
from game.ui.widgets.ink import LOG

SIZES = [(1024, 640), (1920, 1080)]


@pytest.fixture(scope="module", autouse=True)
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


def height(fonts: Fonts, size: tuple[int, int], asks: bool, least: int | None = None) -> int:
    return scene_box.box_height(
        fonts,
        size,
        asks=asks,
        top=40,
        least_menu=None if least is None else lambda _w: least,
        hint_h=hint_bar_height(fonts),
    )


@pytest.mark.parametrize("size", SIZES)
def test_the_box_holds_four_lines_and_gives_way_to_choices(size: tuple[int, int]) -> None:
    fonts = Fonts(1.0)
    reading = height(fonts, size, asks=False)
    assert reading >= 4 * scene_box.line_height(fonts) or reading == size[1] // 2
    least_box = int(size[1] * 0.22)  # a box never shrinks below this share of the window
    assert height(fonts, size, asks=True) < reading or reading == least_box
    # A tall menu squeezes the box down to one line of text, never less.
    squeezed = height(fonts, size, asks=True, least=size[1])
    assert squeezed == scene_box.name_height(fonts) + scene_box.line_height(fonts) + fonts.px(16)
    assert Fonts(2.0).scale > 1 and height(Fonts(2.0), size, asks=False) > reading


def test_the_menu_is_asked_for_its_room_at_the_choices_width() -> None:
    fonts, widths = Fonts(1.0), []

    def least(width: int) -> int:
        widths.append(width)
        return 100

    scene_box.box_height(fonts, (1280, 800), asks=True, top=40, least_menu=least, hint_h=30)
    assert widths == [scene_box.menu_width(fonts, 1280)]
    scene_box.box_height(fonts, (1280, 800), asks=False, top=40, least_menu=least, hint_h=30)
    assert len(widths) == 1, "a box without choices above asks the menu nothing"


@pytest.mark.parametrize("portrait", [False, True])
def test_the_text_sits_in_the_box_right_of_any_portrait(portrait: bool) -> None:
    fonts, box = Fonts(1.5), DialogueBox()
    box.place(fonts, (1024, 640), 220, portrait=portrait, hint_h=hint_bar_height(fonts))
    assert box.box.bottom == 640 - hint_bar_height(fonts) and box.box.height == 220
    assert box.box.contains(box.text)
    assert box.text.height == scene_box.text_room(fonts, 220)
    assert (box.portrait > 0) == portrait
    if portrait:
        assert box.text.left > box.box.left + box.portrait
        assert box.portrait <= box.box.width // 4


def test_it_draws_the_speaker_in_the_themes_colours() -> None:
    fonts, box = Fonts(1.0), DialogueBox()
    surface = pygame.display.set_mode((1024, 640))
    box.place(fonts, (1024, 640), 200, portrait=True, hint_h=30)
    line = ShownLine("prof", "Professor Torchenstein", "Mwahahaha!", "#ff00ff", "professor")
    for theme, own_colour in ((DEFAULT, True), (HIGH_CONTRAST, False)):
        surface.fill((0, 0, 0))
        LOG.begin_frame()
        LOG.owner = box
        box.draw(surface, line, fonts, theme, Art(lambda: []))
        LOG.owner = None
        assert [ink.text for ink in LOG.of(box)] == ["Professor Torchenstein"]
        name = pygame.Rect(LOG.of(box)[0].box)
        assert box.box.contains(name) and name.left == box.text.left
        colours = {
            tuple(surface.get_at((x, y)))[:3]
            for x in range(name.left, name.right)
            for y in range(name.top, name.bottom)
        }
        assert ((255, 0, 255) in colours) == own_colour
        assert (tuple(theme.accent)[:3] in colours) != own_colour
