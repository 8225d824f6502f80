"""The scene screen's choices alone (a story view made by hand, no screen): what the menu holds,
when it may open (after the last line is read whole, and a line too tall to share the screen
only after one more Space), that Space or a click beside never picks, and where it is drawn."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.story.engine import ShownChoice, ShownLine, StoryView
from game.ui.fonts import Fonts
from game.ui.intents import Intent
from game.ui.screens.scene_choices import PUZZLE, SceneChoices
from game.ui.theme import DEFAULT

EVENT = pygame.event.Event(pygame.USEREVENT)


@pytest.fixture(scope="module", autouse=True)
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


def view(choices: list[ShownChoice], puzzle: str | None = None) -> StoryView:
    return StoryView(
        scene_id="lab",
        scene_title="The Lab",
        act="one",
        node_id="hub",
        background=None,
        lines=[ShownLine(None, None, "Static.")],
        choices=choices,
        puzzle=puzzle,
        puzzle_prompt=None,
        ending=None,
        seen_before=False,
    )


ASKING = view(
    [
        ShownChoice(0, "Solve something", True),
        ShownChoice(1, "Look around", False),
        ShownChoice(2, "Brew coffee", True),
    ]
)


def built(story: StoryView = ASKING) -> SceneChoices:
    choices = SceneChoices()
    choices.build(story, Fonts(1.0), DEFAULT)
    return choices


def test_the_menu_holds_the_choices_or_the_puzzle_prompt_or_nothing() -> None:
    choices = built()
    assert choices.menu is not None
    assert [(i.key, i.enabled) for i in choices.menu.items] == [
        ("0", True),
        ("1", False),
        ("2", True),
    ]
    choices = built(view([], puzzle="add_one"))
    assert choices.menu is not None
    assert [(i.key, i.label) for i in choices.menu.items] == [(PUZZLE, "Open the lab terminal")]
    choices = built(view([]))
    assert choices.menu is None and not choices.is_open(True)


def test_it_opens_after_the_last_line_and_a_tall_line_is_read_first() -> None:
    choices = built()
    assert not choices.is_open(False), "not while the line is typing or has pages left"
    assert choices.is_open(True)
    assert choices.is_open(False), "once shown they stay while the line pages beside them"
    choices = built()
    choices.fits_small = False  # the line would not fit the box the choices leave
    assert not choices.is_open(True)
    choices.read_whole()
    assert choices.is_open(True)
    choices.clear()
    assert choices.menu is None and not choices.read_through and not choices.is_open(True)


def test_space_or_a_click_beside_never_picks_but_keys_do() -> None:
    choices = built()
    assert choices.menu is not None
    choices.menu.set_rect(pygame.Rect(100, 100, 500, 300))
    assert choices.handle(Intent("advance", EVENT)) is None
    assert choices.handle(Intent("click", EVENT, pos=(5, 5))) is None
    picked = choices.handle(Intent("number", EVENT, value=3))
    assert picked is not None and picked.key == "2"
    assert choices.handle(Intent("number", EVENT, value=2)) is None  # not available yet
    choices.handle(Intent("up", EVENT))
    confirmed = choices.handle(Intent("confirm", EVENT))
    assert confirmed is not None and confirmed.key == "0"  # the disabled one is stepped over
    box = choices.menu.item_box(2)
    clicked = choices.handle(Intent("click", EVENT, pos=box.center))
    assert clicked is not None and clicked.key == "2"


def test_it_is_drawn_between_the_title_and_the_box_and_describes_itself() -> None:
    choices, fonts = built(), Fonts(1.0)
    surface = pygame.Surface((1024, 640))
    least = choices.least_height(600)
    assert choices.menu is not None and choices.menu.rect.width == 600
    assert 0 < least <= choices.menu.content_height
    choices.draw(surface, fonts, DEFAULT, top=60, bottom=500)
    rect = choices.menu.rect
    assert rect.top >= 60 and rect.bottom <= 500 and rect.centerx == 512
    parts = choices.snapshot_parts()
    assert [c.label for c in parts["choices"]] == [
        "1. Solve something",
        "2. Look around",
        "3. Brew coffee",
    ]
    assert set(parts["targets"]) == {"item:0", "item:1", "item:2"}
    described = choices.describe()
    assert described[0] == "choices:" and "2. Look around" in described[1]
