"""The one key table: it dispatches real key events, draws the hint bars, writes README's key
table, and a player's own keys (Settings > Keys) replace the defaults and are saved."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.persistence.settings import load_settings
from game.ui.intents import KeyDispatch, chord_of, map_event
from game.ui.keymap import BINDINGS, BY_ACTION, KeyMap, can_bind, readme_table, split_chord
from tests.conftest import REPO

# Key names are SDL's fixed table: right before pygame.init() too, whatever pygame warns.
pytestmark = pytest.mark.filterwarnings("ignore:pygame.init")
MOD_BITS = {"ctrl": pygame.KMOD_LCTRL, "shift": pygame.KMOD_LSHIFT, "alt": pygame.KMOD_LALT}


def press(chord: str) -> pygame.event.Event:
    mods, name = split_chord(chord)
    mod = 0
    for m in mods:
        mod |= MOD_BITS[m]
    key = pygame.key.key_code(name)
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


def intent_name(chord: str, keys: KeyDispatch | None = None) -> str:
    intent = map_event(press(chord), keys or KeyDispatch())
    assert intent is not None
    return intent.name


def test_readme_shows_the_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "run `python -m game.ui.keymap --readme`"


@pytest.mark.parametrize(
    ("chord", "action"),
    [(c, b.action) for b in BINDINGS if b.dispatched for c in b.keys],
)
def test_every_default_key_dispatches_its_action(chord: str, action: str) -> None:
    assert intent_name(chord) == action


def test_no_two_dispatched_commands_share_a_key() -> None:
    seen: dict[tuple[frozenset[str], str], str] = {}
    for chord, action in KeyMap().dispatch_table():
        assert seen.setdefault(split_chord(chord), action) == action, chord


def test_numbers_carry_their_value_and_character_keys_need_no_ctrl() -> None:
    assert map_event(press("7")).value == 7  # type: ignore[union-attr]
    assert map_event(press("[3]")).value == 3  # type: ignore[union-attr]
    assert intent_name("ctrl+h") == "key" and intent_name("shift+h") == "history"
    assert intent_name("alt+7") == "key" and intent_name("ctrl+up") == "up"


def test_a_players_key_replaces_the_default_in_dispatch_and_hints() -> None:
    keys = KeyDispatch(KeyMap({"hint": "f4", "quicksave": "ctrl+k"}))
    assert intent_name("f4", keys) == "hint" and intent_name("f1", keys) == "key"
    assert intent_name("ctrl+k", keys) == "quicksave" and intent_name("f6", keys) == "key"
    assert ("F4", "hint") in keys.keymap.hints("terminal")
    assert ("Ctrl+K", "quicksave") in keys.keymap.hints("scene")


def test_fixed_unknown_and_blank_overrides_are_ignored() -> None:
    keymap = KeyMap({"back": "f4", "no_such_command": "f7", "hint": "  "})
    assert keymap.overrides == {}
    assert keymap.chords("back") == ("escape",) and keymap.chords("hint") == ("f1",)


def test_what_a_player_may_bind() -> None:
    assert can_bind("hint", "f4") and can_bind("hint", "ctrl+k") and can_bind("history", "j")
    assert not can_bind("hint", "j")  # a bare letter in the terminal would stop typing
    assert not can_bind("hint", "space") and not can_bind("history", "1")
    assert KeyMap().owner("ctrl+s", besides="hint") is BY_ACTION["quicksave"]
    assert KeyMap().owner("ctrl+k", besides="hint") is None


def test_hint_bars_merge_neighbours_with_one_label() -> None:
    keymap = KeyMap()
    assert keymap.hints("settings") == [
        ("↑↓", "choose"),
        ("←→", "change"),
        ("PgUp/PgDn", "scroll"),
        ("Esc", "back"),
    ]
    assert keymap.hints("saves", open="load")[1] == ("Enter", "load")


@given(
    st.sampled_from(["f4", "a", "k", "return", "page up", "[5]", "/", "+", "tab"]),
    st.sets(st.sampled_from(["ctrl", "shift", "alt"]), max_size=1),
)
def test_a_pressed_chord_reads_back_as_itself(key: str, mods: set[str]) -> None:
    chord = "+".join([m for m in ("ctrl", "shift", "alt") if m in mods] + [key])
    assert chord_of(press(chord)) == chord
    assert split_chord(chord) == (frozenset(mods), key)


def test_a_player_remaps_a_key_in_settings_and_it_is_saved() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        for _ in range(8):
            if ">Settings" in d.describe():
                break
            d.press("down")
        d.press("return")
        d.press("up")  # from the first row up to the last: Keys
        assert ">Keys: defaults" in d.describe()
        d.press("return")
        assert d.describe().startswith("screen: keys")
        for _ in range(len(BINDINGS)):
            if ">History" in d.describe():
                break
            d.press("down")
        d.press("return")
        assert "Press the new key for: history" in d.describe()
        d.press("f4")
        assert "History [F4]" in d.describe()
        d.app.ctx.writer.flush()  # settings are written in the background
        saved = load_settings().model
        assert saved is not None and saved.keys == {"history": "f4"}
        d.press("escape")
        d.press("escape")
        for _ in range(8):
            if ">New game" in d.describe():
                break
            d.press("up")
        d.press("return")
        assert d.describe().startswith("screen: scene")
        d.press("h")
        assert d.describe().startswith("screen: scene")  # H types nothing and opens nothing
        d.press("f4")
        assert d.describe().startswith("screen: history")


def test_every_code_editor_key_has_a_command() -> None:
    from game.ui.editor.harness import Harness

    pane_commands = {"find", "goto", "zoom_in", "zoom_out", "zoom_reset", "message_more"}
    router = Harness("x = 1\n").pane.widget.router
    actions = {action for _, action in KeyMap().dispatch_table(editor=True)}
    assert actions == router.actions | pane_commands


SCROLLING = "title pause settings keys saves mods notebook chapters history dev message ending"


@pytest.mark.parametrize("screen", SCROLLING.split())
def test_every_screen_that_scrolls_names_its_paging_keys(screen: str) -> None:
    keys = " ".join(k for k, _ in KeyMap().hints(screen))
    assert "PgUp" in keys and "PgDn" in keys, f"{screen}: {KeyMap().hints(screen)}"
