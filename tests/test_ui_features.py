"""Player features through real keys and clicks: skip of seen text, hints, draft autosave,
settings that persist, fullscreen, content reload (F5) with errors in an overlay, mods,
and a second game window that must not write saves."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.persistence.paths import saves_dir, settings_file, user_home
from tests.test_a11y_screens import center
from tests.test_ui_slice import new_game, walk


def test_skip_runs_through_text_read_in_an_earlier_playthrough() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        d.press("s")  # nothing read yet: skip refuses and says why
        d.step(5)
        assert "skipping" not in d.describe()
        assert any("not read" in n.text for n in d.app.ctx.notices)
        first_choice = walk(d, lambda t: "choices:" in t)
        d.press("escape")
        for _ in range(12):
            if ">Title screen" in d.describe():
                break
            d.press("down")
        d.press("return")
        assert d.describe().startswith("screen: title")
        d.press("up")  # Continue is selected now; New game is above it
        d.press("return")
        assert d.describe().startswith("screen: confirm")  # the autosave would be replaced
        d.press("right")
        d.press("return")  # Yes
        d.press("s")
        d.step(120)  # no keys: skip alone walks the lines already read
        text = d.describe()
        assert "choices:" in text, text
        assert text.split("\n")[1] == first_choice.split("\n")[1]  # the same node


def test_hints_unlock_one_at_a_time_by_key_and_by_click() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        walk(d, lambda t: t.startswith("screen: terminal"))
        term = d.screen
        hints = term.entry.model.hints
        d.press("f1")
        assert "hints: 1/" in d.describe()
        assert hints[0][:20] in term.brief.source(term.hints_used)
        assert hints[1][:20] not in term.brief.source(term.hints_used)
        hint_button = next(b for b in term.buttons if b.key == "hint")
        d.click(hint_button.rect.center)
        assert d.app.ctx.session.state.puzzles["summon_tensors"].hints_used == 2
        for _ in range(len(hints)):
            d.press("f1")
        assert d.app.ctx.session.state.puzzles["summon_tensors"].hints_used == len(hints)


def test_typing_saves_the_draft_in_the_autosave_without_any_key() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        walk(d, lambda t: t.startswith("screen: terminal"))
        d.press("end", ctrl=True)
        d.type_text("\n# draft in progress")
        assert d.app.ctx.session.draft_pending
        d.step(60)  # a second later, without leaving the terminal
        d.app.ctx.writer.flush()
        saved = json.loads((saves_dir() / "auto.json").read_text())
        assert "# draft in progress" in saved["state"]["drafts"]["summon_tensors"]


def test_settings_persist_and_fullscreen_toggles() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        d.press("down")
        d.press("down")  # New game -> Mods -> Settings (the disabled items are skipped)
        assert ">Settings" in d.describe()
        d.press("return")
        d.press("right")  # text speed: normal -> fast
        while ">High contrast" not in d.describe():
            d.press("down")
        d.press("return")  # high contrast on
        assert d.app.ctx.theme.name == "high_contrast"
        d.press("f11")
        assert d.app.ctx.settings.fullscreen
        d.press("f11")
        d.app.ctx.writer.flush()
    saved = json.loads(settings_file().read_text())
    assert saved["text_speed"] == 70 and saved["high_contrast"] is True
    assert saved["fullscreen"] is False


def test_reload_keeps_the_place_and_shows_errors_in_an_overlay(tmp_path: Path) -> None:
    import os

    from game.content.scaffold import cli_new_mod
    from game.ui.driver import Driver

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert cli_new_mod(argparse.Namespace(name="reload_mod")) == 0
    finally:
        os.chdir(here)
    mod = tmp_path / "reload_mod"
    with Driver([mod], runner=False) as d:
        new_game(d)
        d.press("space")
        before = d.describe().split("\n")[1]
        d.press("f5")
        assert d.describe().split("\n")[1] == before
        assert any("reloaded" in n.text for n in d.app.ctx.notices)
        scene = next((mod / "scenes").glob("*.yaml"))
        scene.write_text(scene.read_text().replace("nodes:", "nodez:", 1))
        d.press("f5")
        text = d.describe()
        assert text.startswith("screen: message") and "Reload failed" in text
        assert "nodez" in text or "nodes" in text
        d.press("return")
        assert d.describe().split("\n")[1] == before  # still playing the old content


def test_mods_screen_lists_a_mod_and_switches_it_off(tmp_path: Path) -> None:
    import os

    from game.content.scaffold import cli_new_mod
    from game.ui.driver import Driver

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        cli_new_mod(argparse.Namespace(name="switch_mod"))
    finally:
        os.chdir(here)
    with Driver([tmp_path / "switch_mod"], runner=False) as d:
        d.press("down")
        d.press("return")
        text = d.describe()
        assert text.startswith("screen: mods") and "[on]" in text
        d.press("return")
        assert "[off]" in d.describe()
        assert "switch_mod" in d.app.ctx.settings.disabled_mods
        d.press("return")
        assert "[on]" in d.describe()


def test_a_second_window_loads_but_never_writes_saves() -> None:
    from game.persistence.saves import SaveStore
    from game.ui.driver import Driver

    first_window = SaveStore(saves_dir())  # another game instance holds the saves
    try:
        with Driver(runner=False) as d:
            d.step(2)
            text = d.describe()
            assert text.startswith("screen: message") and "Another Torchenstein" in text
            d.press("return")
            new_game(d)
            d.step(3)
            d.press("f6")
            assert any("read-only" in n.text for n in d.app.ctx.notices)
        assert not (saves_dir() / "auto.json").exists()
    finally:
        first_window.close()
    assert user_home().is_dir()


def test_sounds_are_made_in_code_and_silence_is_a_fallback() -> None:
    from game.ui.sound import _SOUNDS, RATE, Sound, duration, synthesise

    for name, (notes, shape, loud) in _SOUNDS.items():
        data = synthesise(notes, shape, loud)
        assert len(data) == 2 * sum(int(RATE * s) for _f, s in notes)
        assert duration(name) < 1.0
    sound = Sound()
    sound.play("pass")  # before start: silent, no error
    sound.start(0.5)  # SDL's dummy audio driver in tests, or no device at all
    sound.play("pass")
    sound.set_volume(0.0)
    sound.play("fail")
    sound.close()


def test_mouse_only_reaches_the_menus_and_comes_back() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        d.step()
        d.click(center(d.screen.snapshot().targets["chip:history"]))
        assert d.describe().startswith("screen: history")
        d.step()
        d.click(d.screen._back.center)
        assert d.describe().startswith("screen: scene")
        d.click(center(d.screen.snapshot().targets["chip:back"]))
        assert d.describe().startswith("screen: pause")
        d.click((5, 5))  # nowhere on the menu: nothing happens
        assert d.describe().startswith("screen: pause")
        d.press("escape")
        choices = walk(d, lambda t: "choices:" in t)
        assert "choices:" in choices
        d.step()
        d.click(center(d.screen.snapshot().targets["item:1"]))  # the second choice, by mouse
        assert d.app.ctx.session.state.node != choices.split("node: ")[1].split(" ")[0]


def test_a_failing_screen_is_closed_with_a_message_not_a_crash() -> None:
    from game.ui.driver import Driver
    from game.ui.stack import Screen

    class Broken(Screen):
        name = "broken"

        def draw(self, surface) -> None:
            raise RuntimeError("a bug in a screen")

    with Driver(runner=False) as d:
        d.app.ctx.stack.push(Broken(d.app.ctx))
        d.step()
        text = d.describe()
        assert text.startswith("screen: message") and "a bug in a screen" in text
        d.press("return")
        assert d.describe().startswith("screen: title")


def test_the_window_opens_resizes_and_goes_fullscreen_without_warnings() -> None:
    """An earlier window set-up called a pygame API deprecated in pygame-ce 2.5
    (`Window.from_display_module`); any warning from opening or changing the window fails."""
    import warnings

    import pygame

    from game.ui.driver import Driver

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with Driver(size=(1024, 640), runner=False) as d:
            d.press("f11")
            d.press("f11")
            pygame.display.set_mode((1200, 700), pygame.RESIZABLE)
            pygame.event.post(
                pygame.event.Event(pygame.VIDEORESIZE, size=(1200, 700), w=1200, h=700)
            )
            d.step(2)
            assert d.app.surface.get_size() == (1200, 700)


def test_an_ending_too_long_for_the_window_scrolls_and_still_moves_on() -> None:
    from game.content.scene_models import Ending
    from game.persistence.paths import user_home
    from game.ui.driver import Driver
    from game.ui.screens.ending import EndingScreen

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0}))
    text = "Mwahahaha! The lab door stays open, and the apprentices keep coming. " * 12
    with Driver(size=(1024, 640), runner=False) as d:
        screen = EndingScreen(d.app.ctx, Ending(id="long_one", title="A Long Goodbye", text=text))
        d.app.ctx.stack.push(screen)
        d.step()
        assert screen._overflow > 0 and screen.offset == 0
        d.press("down")
        d.press("pagedown")
        assert 0 < screen.offset <= screen._overflow
        for _ in range(50):
            d.press("pagedown")
        assert screen.offset == screen._overflow  # never past the last line
        d.press("return")
        assert "phase: credits" in d.describe()
