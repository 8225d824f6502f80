"""Colour is never the only signal: with the colours that mean "wrong" and "chosen" made the
same as the ones that mean "right" and "plain", a mismatched cell, a failed run and the focused
menu item still look (and read) different: by a cross, an outline, words and marks, a thicker
frame and a bar."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.feedback.samples import sample_runs
from game.runner.protocol import TensorPreview
from game.session.runs import RunOutcome
from game.ui.fonts import Fonts
from game.ui.results import ResultsPanel
from game.ui.results.colors import normalise, sequential
from game.ui.results.tensor_view import colour_style, render_grid, value_style
from game.ui.theme import DEFAULT, HIGH_CONTRAST, Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.textfit import SurfaceCache

THEMES = [DEFAULT, HIGH_CONTRAST]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    pygame.display.init()
    pygame.font.init()


def colourless(theme: Theme) -> Theme:
    """The theme with hue taken out of every signal: wrong looks like right, chosen like plain."""
    return dataclasses.replace(
        theme, bad_cell=theme.ok_cell, accent=theme.border, panel_alt=theme.panel
    )


def _pixels(surface: pygame.Surface, rect: pygame.Rect) -> bytes:
    return pygame.image.tobytes(surface.subsurface(rect), "RGBA")


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("role", ["got", "expected"])
@pytest.mark.parametrize("show_values", [True, False])
def test_a_mismatched_cell_is_marked_by_shape(theme: Theme, role: str, show_values: bool) -> None:
    fonts = Fonts(1.0)
    preview = TensorPreview(shape=[1, 2], dtype="float32", device="cpu", values=[[1.0, 1.0]])
    font = fonts.get("mono", 14)
    style = (
        value_style([preview], font, font, fonts.px(4)) if show_values else colour_style(font, 14)
    )
    plain = colourless(theme)
    if not show_values:  # a colour grid shades cells by value: "wrong" gets that shade too
        plain = dataclasses.replace(plain, bad_cell=sequential(normalise(1.0, None, None)))
    picture = render_grid(
        preview,
        style,
        plain,
        SurfaceCache(),
        wrap_cols=2,
        compared=frozenset({(0, 1)}),  # the second cell differs; both show the same value
        role=role,
    )
    same, differs = (hit.rect for hit in picture.cells)
    assert _pixels(picture.surface, same) != _pixels(picture.surface, differs)


@pytest.mark.parametrize(
    "name,verdict,mark", [("pass_submit", "PASSED", "✓"), ("values", "FAILED", "✗")]
)
def test_pass_and_fail_are_told_in_words_and_marks(name: str, verdict: str, mark: str) -> None:
    panel = ResultsPanel(fonts=Fonts(1.0), theme=colourless(DEFAULT))
    panel.set_rect(pygame.Rect(0, 0, 560, 640))
    panel.show_result(RunOutcome(sample_runs()[name]))
    panel.draw(pygame.Surface((560, 640)))
    text = panel.describe()
    assert verdict in text.splitlines()[0]
    assert f"> {mark} example 1" in text  # the chosen case, and whether it passed


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_the_focused_menu_item_is_marked_by_shape(theme: Theme) -> None:
    fonts = Fonts(1.0)
    # Two items with the same words: only the focus may tell them apart.
    menu = Menu([MenuItem("a", "Resume"), MenuItem("b", "Resume")], fonts, colourless(theme))
    menu.set_rect(pygame.Rect(0, 0, 300, 300))
    surface = pygame.Surface((300, 300))
    surface.fill(theme.bg)
    menu.draw(surface)
    chosen, other = menu.item_box(0), menu.item_box(1)
    assert chosen.size == other.size
    assert _pixels(surface, chosen) != _pixels(surface, other)


def _greyless(theme: Theme) -> Theme:
    """`colourless`, and a disabled item's dim text as bright as any other's."""
    return dataclasses.replace(colourless(theme), disabled=theme.text)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("numbered", [False, True])
def test_a_disabled_menu_item_is_marked_by_shape_and_words(theme: Theme, numbered: bool) -> None:
    fonts = Fonts(2.0)
    # The disabled item is not the selection's neighbour-in-looks: a third item holds the focus.
    items = [
        MenuItem("new", "New game"),
        MenuItem("a", "Continue"),
        MenuItem("b", "Continue", enabled=False, why="no save yet"),
    ]
    menu = Menu(items, fonts, _greyless(theme), numbered=numbered, align="left")
    menu.set_rect(pygame.Rect(0, 0, 1000, 600))
    surface = pygame.display.set_mode((1000, 600))  # ink is what reaches the window
    surface.fill(theme.bg)
    LOG.begin_frame()
    LOG.owner = menu
    menu.draw(surface)
    LOG.owner = None
    ink = [i.text for i in LOG.of(menu)]
    on, off = menu.item_box(1), menu.item_box(2)
    assert on.size == off.size
    if not numbered:  # numbers differ anyway; unnumbered, only the mark may tell them apart
        left = pygame.Rect(0, 0, on.w // 4, on.h)
        assert _pixels(surface, left.move(on.topleft)) != _pixels(surface, left.move(off.topleft))
    assert any("(no save yet)" in text for text in ink), ink
    assert not any("(" in text for text in ink if "no save" not in text)


def test_the_title_says_why_continue_and_load_are_shut() -> None:
    from game.ui.driver import Driver

    with Driver(size=(1024, 640), runner=False) as d:  # a fresh user folder: no save yet
        d.step(2)
        snap = d.screen.snapshot()
        assert [c.label for c in snap.choices if not c.enabled] == ["Continue", "Load"]
        drawn = [i.text for i in snap.ink]
        assert sum("(no save yet)" in text for text in drawn) == 2, drawn
