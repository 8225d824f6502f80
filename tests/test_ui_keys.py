"""Real key events through the app's intent mapping: AltGr chords type instead of firing
shortcuts, and Ctrl+A then typing replaces the code wherever the terminal's focus is."""

from __future__ import annotations

import json

import pygame
import pytest

from game.ui.intents import command_held, map_event

CTRL_ALT = pygame.KMOD_LCTRL | pygame.KMOD_RALT  # what Windows reports for AltGr


def _down(key: int, mod: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize("mod", [CTRL_ALT, pygame.KMOD_MODE, CTRL_ALT | pygame.KMOD_SHIFT])
@pytest.mark.parametrize(
    "key", [pygame.K_q, pygame.K_s, pygame.K_RETURN, pygame.K_7, pygame.K_m, pygame.K_a]
)
def test_altgr_chords_are_typing_not_shortcuts(key: int, mod: int) -> None:
    intent = map_event(_down(key, mod))
    assert intent is not None and intent.name == "key"
    assert not command_held(mod)


def test_plain_shortcuts_still_work() -> None:
    names = {
        key: map_event(_down(key, pygame.KMOD_LCTRL)).name  # type: ignore[union-attr]
        for key in (pygame.K_q, pygame.K_s, pygame.K_RETURN)
    }
    assert names == {pygame.K_q: "quit", pygame.K_s: "quicksave", pygame.K_RETURN: "run"}
    assert map_event(_down(pygame.K_7, 0)).name == "number"  # type: ignore[union-attr]
    assert map_event(_down(pygame.K_m, pygame.KMOD_LALT)).name == "key"  # type: ignore[union-attr]


def _terminal(d) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_slice import new_game, walk

    new_game(d)
    walk(d, lambda t: t.startswith("screen: terminal"))


def _chord(key: int, mod: int, text: str) -> None:
    """What SDL delivers for a character typed with a chord: KEYDOWN, TEXTINPUT, KEYUP."""
    pygame.event.post(_down(key, mod))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))


def test_altgr_q_types_an_at_sign_in_the_terminal_and_does_not_quit() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        _terminal(d)
        d.press("end", ctrl=True)
        _chord(pygame.K_q, CTRL_ALT, "@")
        _chord(pygame.K_s, CTRL_ALT, "ſ")
        _chord(pygame.K_q, pygame.KMOD_MODE, "@")
        d.step()
        assert not d.app.ctx.quit_requested
        assert d.screen.editor.text.endswith("@ſ@")
        assert not any("Quicksaved" in n.text for n in d.app.ctx.notices)


@pytest.mark.parametrize("scale,size", [(1.0, (1280, 800)), (2.0, (1024, 640))])
def test_ctrl_a_then_typing_replaces_the_code_wherever_the_focus_is(
    scale: float, size: tuple[int, int]
) -> None:
    from game.persistence.paths import user_home
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": scale}))
    with Driver(size=size, runner=False) as d:
        _terminal(d)
        for focus in ("editor", "brief", "results"):
            while f"focus: {focus}" not in d.describe():
                d.press("f3")
            d.press("a", ctrl=True)
            d.type_text(f"# replaced from the {focus}")
            assert d.screen.editor.text == f"# replaced from the {focus}", focus
            assert "focus: editor" in d.describe()
            d.press("z", ctrl=True)  # undo brings the code back
            d.press("z", ctrl=True)
            assert "def summon" in d.screen.editor.text
            d.press("end", ctrl=True)  # undo selected the code again: nothing stays selected
            assert not d.screen.editor.editor.has_selection
