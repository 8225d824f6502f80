"""The editor pane under real keyboard events (KEYDOWN / TEXTINPUT / TEXTEDITING / KEYUP)
posted to pygame's queue with the dummy video driver, through a tiny host window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest

from game.ui.editor.harness import Harness

CTRL, SHIFT = pygame.KMOD_CTRL, pygame.KMOD_SHIFT


@pytest.fixture
def make() -> Iterator[Callable[..., Harness]]:
    yield lambda text="", **kw: Harness(text, **kw)
    pygame.display.quit()


def test_typing_arrives_through_textinput_and_reports_changes(make: Callable[..., Harness]) -> None:
    h = make()
    h.type("x = 1")
    h.frame()
    assert h.pane.text == "x = 1"
    assert h.changes[-1] == "x = 1"
    assert "> 1 | x = 1" in h.pane.describe()
    assert not [e for e in h.passed_on if e.type in (pygame.KEYDOWN, pygame.TEXTINPUT)]


def test_enter_indents_after_colon(make: Callable[..., Harness]) -> None:
    h = make()
    h.type("def f(x):\nif x:\nreturn 2\ny = 3")
    h.frame()
    assert h.pane.text == "def f(x):\n    if x:\n        return 2\n    y = 3"


def test_terminal_keys_are_never_consumed(make: Callable[..., Harness]) -> None:
    h = make("abc")
    reserved = [
        (pygame.K_RETURN, CTRL), (pygame.K_RETURN, CTRL | SHIFT), (pygame.K_KP_ENTER, CTRL),
        (pygame.K_ESCAPE, 0), (pygame.K_F1, 0), (pygame.K_F5, 0), (pygame.K_F12, 0),
        (pygame.K_s, CTRL), (pygame.K_q, CTRL), (pygame.K_r, CTRL),
    ]  # fmt: skip
    for key, mod in reserved:
        h.key(key, mod)
    h.frame()
    passed = [(e.key, e.mod) for e in h.passed_on if e.type == pygame.KEYDOWN]
    assert passed == reserved
    assert h.pane.text == "abc"


def test_undo_redo_keys_and_word_grouping(make: Callable[..., Harness]) -> None:
    h = make()
    h.type("alpha beta")
    h.frame()
    h.key(pygame.K_z, CTRL)
    h.frame()
    assert h.pane.text == "alpha "
    h.key(pygame.K_z, CTRL)
    h.key(pygame.K_y, CTRL)
    h.frame()
    assert h.pane.text == "alpha "
    h.key(pygame.K_z, CTRL | SHIFT)
    h.frame()
    assert h.pane.text == "alpha beta"


def test_clipboard_cut_copy_paste_and_select_all(make: Callable[..., Harness]) -> None:
    h = make("one two")
    h.key(pygame.K_RIGHT, CTRL | SHIFT)
    h.key(pygame.K_c, CTRL)
    h.key(pygame.K_END)
    h.key(pygame.K_v, CTRL)
    h.frame()
    assert h.pane.text == "one twoone"
    h.key(pygame.K_a, CTRL)
    h.key(pygame.K_x, CTRL)
    h.frame()
    assert h.pane.text == ""
    h.key(pygame.K_v, CTRL)
    h.key(pygame.K_v, CTRL)
    h.frame()
    assert h.pane.text == "one twoone" * 2


def test_tab_shift_tab_comment_and_word_delete(make: Callable[..., Harness]) -> None:
    h = make("a = 1\nb = 2\nc = 3")
    h.key(pygame.K_DOWN, SHIFT)
    h.key(pygame.K_END, SHIFT)
    h.key(pygame.K_TAB)
    h.frame()
    assert h.pane.text == "    a = 1\n    b = 2\nc = 3"
    h.key(pygame.K_SLASH, CTRL)
    h.frame()
    assert h.pane.text == "    # a = 1\n    # b = 2\nc = 3"
    h.key(pygame.K_SLASH, CTRL)
    h.key(pygame.K_TAB, SHIFT)
    h.frame()
    assert h.pane.text == "a = 1\nb = 2\nc = 3"
    h.key(pygame.K_END, CTRL)
    h.key(pygame.K_BACKSPACE, CTRL)
    h.key(pygame.K_HOME)
    h.key(pygame.K_DELETE)
    h.frame()
    assert h.pane.text == "a = 1\nb = 2\n = "


def test_home_end_and_paging(make: Callable[..., Harness]) -> None:
    h = make("\n".join(f"    line_{i} = {i}" for i in range(200)))
    h.key(pygame.K_END)
    h.key(pygame.K_HOME)
    h.frame()
    assert "caret 1:5" in h.pane.describe()
    h.key(pygame.K_HOME)
    h.frame()
    assert "caret 1:1" in h.pane.describe()
    page = h.pane.widget.view.page_lines() - 1
    h.key(pygame.K_PAGEDOWN)
    h.frame()
    assert f"caret {1 + page}:1" in h.pane.describe()
    assert f"lines {1 + page}-" in h.pane.describe()
    h.key(pygame.K_END, CTRL)
    h.frame()
    assert "caret 200:" in h.pane.describe()
    assert "> 200 |     line_199 = 199" in h.pane.describe()
    h.key(pygame.K_HOME, CTRL | SHIFT)
    h.frame()
    assert "selected" in h.pane.describe() and "from 1:1 to 200:" in h.pane.describe()


def test_font_size_keys(make: Callable[..., Harness]) -> None:
    h = make("x")
    h.key(pygame.K_EQUALS, CTRL)
    h.key(pygame.K_PLUS, CTRL)
    h.frame()
    assert "code 21px (125%)" in h.pane.describe()
    h.key(pygame.K_MINUS, CTRL)
    h.frame()
    assert "(110%)" in h.pane.describe()
    h.key(pygame.K_0, CTRL)
    h.frame()
    assert "code 17px (100%)" in h.pane.describe()


def test_ime_composition_is_shown_then_committed(make: Callable[..., Harness]) -> None:
    h = make()
    h.post(pygame.TEXTEDITING, text="にほ", start=2, length=0)
    h.frame()
    assert '[composing] "にほ"' in h.pane.describe()
    assert h.pane.text == ""
    h.post(pygame.TEXTINPUT, text="日本")
    h.frame()
    assert h.pane.text == "日本"
    assert "[composing]" not in h.pane.describe()


def test_held_key_repeats_until_released(make: Callable[..., Harness]) -> None:
    h = make("0123456789" * 3)
    h.key(pygame.K_END)
    h.post(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="\b", scancode=0)
    h.frame(dt=0.1)
    assert len(h.pane.text) == 29
    for _ in range(5):
        h.frame(dt=0.1)
    repeated = len(h.pane.text)
    assert repeated < 28
    h.post(pygame.KEYUP, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)
    h.frame(dt=0.1)
    h.frame(dt=0.5)
    assert len(h.pane.text) == repeated


def test_system_key_repeat_is_not_doubled(make: Callable[..., Harness]) -> None:
    h = make("abcdef")
    h.key(pygame.K_END)
    h.frame()
    for _ in range(3):  # the system sends repeats itself: KEYDOWN again without KEYUP
        h.post(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0)
    h.frame(dt=1.0)
    h.frame(dt=1.0)
    assert "caret 1:4" in h.pane.describe()


def test_altgr_typing_is_not_a_shortcut(make: Callable[..., Harness]) -> None:
    h = make()
    altgr = CTRL | pygame.KMOD_RALT  # how Windows reports AltGr
    h.post(pygame.KEYDOWN, key=pygame.K_PLUS, mod=altgr, unicode="~", scancode=0)
    h.post(pygame.TEXTINPUT, text="~")
    h.post(pygame.KEYDOWN, key=pygame.K_7, mod=altgr, unicode="{", scancode=0)
    h.post(pygame.TEXTINPUT, text="{")
    h.frame()
    assert h.pane.text == "~{"
    assert "code 17px (100%)" in h.pane.describe()
    assert not [e for e in h.passed_on if e.type == pygame.KEYDOWN]
