"""The scene screen as its parts' owner: every key its hint bar names (taken from the key
table, with a player's own key in place of a default) reaches the part that does it, and the
typewriter, cursor and choices stay in step through the real game."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from game.persistence.paths import user_home
from game.text.markup import plain_text
from game.ui.keymap import BINDINGS, KeyMap, split_chord
from game.ui.screens.scene import SceneScreen
from game.ui.snapshot import words as snapshot_words

if TYPE_CHECKING:
    from game.ui.driver import Driver


def press(d: Driver, action: str, keymap: KeyMap) -> None:
    """Press `action`'s first chord as the key table has it."""
    mods, key = split_chord(keymap.chords(action)[0])
    d.press(key, ctrl="ctrl" in mods, shift="shift" in mods)


def to_scene(d: Driver) -> SceneScreen:
    d.step()
    d.press("return")  # New game
    assert isinstance(d.screen, SceneScreen)
    return d.screen


@pytest.mark.parametrize("own_keys", [{}, {"history": "f4", "map": "ctrl+m", "skip": "k"}])
def test_every_key_on_the_dialogue_hint_bar_does_what_it_says(own_keys: dict[str, str]) -> None:
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(
        json.dumps({"text_speed": 0, "skip_unseen": True, "keys": own_keys})
    )
    keymap = KeyMap(own_keys)
    named = {b.action for b in BINDINGS if "scene" in b.hints}
    assert named == {"advance", "number", "history", "skip", "map", "quicksave", "back"}
    with Driver(size=(1024, 640), runner=False) as d:
        scene = to_scene(d)
        first = scene.snapshot().content
        press(d, "advance", keymap)
        assert scene.cursor.line_index == 1 and scene.snapshot().content != first
        for action, opens in (("history", "history"), ("map", "chapters"), ("back", "pause")):
            press(d, action, keymap)
            assert d.screen.name == opens, action
            d.press("escape")
            assert d.screen is scene
        press(d, "skip", keymap)
        assert scene.skip.on and "skipping" in d.describe()
        d.step(60)  # skip runs up to the choices, and waits there
        assert scene.snapshot().choices and scene.skip.on
        press(d, "skip", keymap)
        assert not scene.skip.on
        press(d, "quicksave", keymap)
        assert any("Quicksaved" in n.text for n in d.app.ctx.notices)
        node = scene.cursor.view.node_id
        d.press("1")  # "number": the first choice
        assert scene.cursor.view.node_id != node and scene.cursor.line_index == 0


def test_space_finishes_the_line_then_turns_its_pages_then_moves_on() -> None:
    """At 200% in a small window long lines come in pages: Space shows the page whole, then
        the next page, then the next line; the snapshot offers Space while any is left. A last
        line too tall to share the screen with the choices is read whole first: one more Space
        brings the choices, with the line from its beginning in the smaller box under them, paged
    round by Space."""
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 20}))
    with Driver(size=(1024, 640), runner=False) as d:
        scene, seen = to_scene(d), set[str]()
        for _ in range(120):
            tw, line = scene.typewriter, scene.cursor.line_index
            if scene.snapshot().choices:
                if {"paged", "read whole"} <= seen:
                    break
                d.press("1")
                continue
            assert scene.snapshot().more == (("space",) if tw.typing or tw.more_pages else ())
            typing, page = tw.typing, tw.page
            d.press("space")
            if typing:
                assert not tw.typing and tw.page == page and scene.cursor.line_index == line
            elif tw.page == page + 1:
                seen.add("paged")
                assert scene.cursor.line_index == line
            elif scene.cursor.line_index == line and scene.snapshot().choices:
                seen.add("read whole")
                # Beside the choices the line starts again from its first page, and Space
                # pages it round without taking the choices away.
                assert scene.choices.read_through and tw.page == 0 and not tw.typing
                words = set(scene.snapshot().shown_words)
                for _ in range(tw.page_count):
                    d.press("space")
                    words |= scene.snapshot().shown_words
                    assert scene.snapshot().choices and scene.cursor.line_index == line
                assert tw.page == 0 and snapshot_words(plain_text(scene.cursor.line.text)) <= words
                d.click(scene.dialogue.box.center)  # the mouse pages it too, and picks nothing
                assert tw.page == 1 and scene.snapshot().choices
            else:
                assert tw.page == 0 and scene.cursor.line_index in (line + 1, 0)
        assert seen == {"paged", "read whole"}
        assert scene.snapshot().choices
