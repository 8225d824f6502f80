"""Layouts adapt from 1024x640 to 4K at font scales 80%-200%, in both themes: every screen
draws, its boxes stay inside the window, and text boxes stay inside their panels; text grows
with the scale instead of being shrunk to fit."""

from __future__ import annotations

import json

import pygame
import pytest

from game.persistence.paths import user_home

CASES = [
    ((1024, 640), 0.8, False),
    ((1024, 640), 2.0, False),
    ((1024, 640), 2.0, True),
    ((1920, 1080), 1.0, True),
    ((3840, 2160), 2.0, False),
]


def inside(inner: pygame.Rect, outer: pygame.Rect) -> bool:
    return outer.contains(inner)


@pytest.mark.parametrize(
    "size,scale,contrast",
    CASES,
    ids=[f"{s[0]}x{s[1]}-{k}-{'hc' if c else 'std'}" for s, k, c in CASES],
)
def test_every_screen_fits(size, scale, contrast) -> None:
    from game.ui.driver import Driver
    from tests.test_ui_slice import walk

    (user_home() / "settings.json").write_text(
        json.dumps({"font_scale": scale, "high_contrast": contrast, "text_speed": 0})
    )
    with Driver(size=size, runner=False) as d:
        window = pygame.Rect((0, 0), size)
        assert inside(d.screen.menu.rect, window)
        d.press("return")
        walk(d, lambda t: "choices:" in t)
        scene = d.screen
        box, text = scene.dialogue.box, scene.dialogue.text
        assert inside(box, window) and inside(text, box)
        assert scene.choices.menu is not None and scene.choices.menu.rect.bottom <= box.top
        assert scene.typewriter.text is not None and scene.typewriter.text.width <= text.width
        for key, name in (("h", "history"), ("m", "chapters")):
            d.press(key)
            assert d.describe().startswith(f"screen: {name}")
            assert inside(d.screen.scroller.view, window)
            d.press("escape")
        d.press("escape")
        assert d.describe().startswith("screen: pause")
        d.press("down")
        d.press("return")  # Save game
        saves = d.screen
        assert saves.name == "saves" and all(c.width <= size[0] for c in saves.cards)
        d.press("escape")
        d.press("escape")
        d.press("1")
        walk(d, lambda t: t.startswith("screen: terminal"))
        term = d.screen
        d.step()
        for rect in (
            term.editor.rect,
            term.results.rect,
            term.brief.scroll.view,
            *(b.rect for b in term.buttons),
        ):
            assert inside(rect, window), rect
        if not term.compact:
            assert not term.editor.rect.colliderect(term.results.rect)
        layout = term.layout
        assert layout is not None
        pieces = [b.rect for b in layout.buttons] + [r for _, r in layout.tabs]
        for i, rect in enumerate(pieces):  # buttons and tabs: apart, and off the panes
            assert not any(rect.colliderect(o) for o in pieces[i + 1 :]), rect
            assert not rect.colliderect(term.editor.rect) and not rect.colliderect(
                term.results.rect
            ), rect
        if layout.mode != "all_tabs":
            assert not term.brief.scroll.view.colliderect(term.editor.rect)
        assert "puzzle: summon_tensors" in d.describe()
        d.press("f3")
        d.press("f3")
        assert "focus: results" in d.describe()
        d.press("escape")
        assert d.describe().startswith("screen: scene")


def _sizes_at(scale: float) -> dict[str, int]:
    """Pixel size of each text on the title and pause screens at `scale`, 1024x640."""
    from game.ui.driver import Driver
    from game.ui.screens.pause import PauseScreen

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": scale, "text_speed": 0}))
    sizes: dict[str, int] = {}
    with Driver(size=(1024, 640), runner=False) as d:
        for _ in range(2):
            d.step()
            for ink in d.screen.snapshot().ink:
                sizes[ink.text] = ink.px
            d.app.ctx.stack.push(PauseScreen(d.app.ctx))
    return sizes


def test_text_grows_with_the_scale_and_menus_scroll_instead_of_shrinking() -> None:
    """At 200% every text is twice its 100% size (the title's logo excepted: it is sized to
    the window), though the pause menu's nine items no longer fit and scroll instead."""
    small, large = _sizes_at(1.0), _sizes_at(2.0)
    common = (set(small) & set(large)) - {"TORCHENSTEIN"}
    assert {"Resume", "PAUSED", "New game"} <= common
    for text in common:
        assert large[text] >= 2 * small[text] - 1, (text, small[text], large[text])
    assert "Quit" in small and "Quit" not in large  # out of view at 200%: the menu scrolls
