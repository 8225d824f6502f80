"""Pane features: runner markers, reset to starter (asks, undoable), find and go-to bars,
settings changes, clipboard fallback."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest

from game.text import Marker
from game.ui.editor.harness import Harness
from game.ui.fonts import Fonts
from game.ui.theme import HIGH_CONTRAST

CTRL, SHIFT = pygame.KMOD_CTRL, pygame.KMOD_SHIFT
STARTER = "import torch\n\n\ndef summon(n, device):\n    ...\n"


@pytest.fixture
def make() -> Iterator[Callable[..., Harness]]:
    yield lambda text="", **kw: Harness(text, **kw)
    pygame.display.quit()


def button(h: Harness, label: str) -> tuple[int, int]:
    return next(b for b in h.pane.buttons if b.label == label).rect.center


def test_markers_show_in_gutter_on_caret_line_and_on_hover(make: Callable[..., Harness]) -> None:
    h = make("x = 1\ny = undefined_name\nfor i in range(3): pass")
    h.pane.set_markers(
        [
            Marker(2, "NameError: name 'undefined_name' is not defined"),
            Marker(3, "no Python loops", "rule"),
        ]
    )
    h.frame()
    text = h.pane.describe()
    assert "E 2 | y = undefined_name" in text
    assert "R 3 | for i" in text
    assert "[message] Marked in the gutter: lines 2, 3." in text
    h.key(pygame.K_DOWN)
    h.frame()
    assert (
        "[message] Line 2 (error): NameError: name 'undefined_name' is not defined"
        in h.pane.describe()
    )
    h.post(pygame.MOUSEMOTION, pos=h.point_at(3, 2), rel=(0, 0), buttons=(0, 0, 0))
    h.frame()
    assert h.pane.widget.pointer.hover_line == 2
    h.pane.set_markers([Marker(99, "past the end")])
    h.frame()
    assert "E 3 | for i" in h.pane.describe()
    h.pane.clear_markers()
    h.frame()
    assert "E " not in h.pane.describe()


def test_reset_to_starter_asks_first_and_is_one_undo_step(make: Callable[..., Harness]) -> None:
    h = make("print('my precious code')", starter=STARTER)
    h.frame()
    h.click(button(h, "Reset to starter"))
    h.frame()
    assert "[confirm] Reset to the starter code?" in h.pane.describe()
    h.type("x")  # typing while asked does not edit
    h.key(pygame.K_RETURN)  # the safe answer has focus
    h.frame()
    assert "[confirm]" not in h.pane.describe()
    assert h.pane.text == "print('my precious code')"
    h.pane.request_reset()
    h.frame()
    h.click(h.pane.confirm.buttons[1].rect.center)
    h.frame()
    assert h.pane.text == STARTER
    assert "Starter code restored" in h.pane.describe()
    assert h.changes[-1] == STARTER
    h.key(pygame.K_z, CTRL)
    h.frame()
    assert h.pane.text == "print('my precious code')"


def test_find_bar_counts_and_steps_through_matches(make: Callable[..., Harness]) -> None:
    h = make("t = torch.ones(2)\nT = torch.zeros(2)\nprint(t, T)")
    h.key(pygame.K_f, CTRL)
    h.type("torch")
    h.frame()
    assert '[find] "torch" 1 of 2, focused' in h.pane.describe()
    assert "caret 1:10" in h.pane.describe()
    h.key(pygame.K_RETURN)
    h.frame()
    assert "2 of 2" in h.pane.describe()
    h.key(pygame.K_RETURN, SHIFT)
    h.frame()
    assert "1 of 2" in h.pane.describe()
    h.key(pygame.K_BACKSPACE, CTRL)
    h.type("t")
    h.frame()
    assert '"t" 2 of 7' in h.pane.describe()  # grows from the current match
    h.click(next(b for b in h.pane.find_bar.buttons if b.label == "Aa").rect.center)
    h.frame()
    assert "of 5, match case" in h.pane.describe()
    h.click(h.point_at(3, 0))  # back to the code; the bar stays
    h.type("#")
    h.frame()
    assert h.pane.text.endswith("\n#print(t, T)")
    assert "[find]" in h.pane.describe()
    assert h.pane.close_popup()
    assert "[find]" not in h.pane.describe()
    assert not h.pane.close_popup()


def test_go_to_line(make: Callable[..., Harness]) -> None:
    h = make("\n".join(f"    v{i} = {i}" for i in range(120)))
    h.key(pygame.K_g, CTRL)
    h.type("9x99")
    h.key(pygame.K_RETURN)
    h.frame()
    assert '[go to line] "999" Type a line number from 1 to 120.' in h.pane.describe()
    h.key(pygame.K_BACKSPACE)
    h.key(pygame.K_BACKSPACE)
    h.key(pygame.K_BACKSPACE)
    h.type("77")
    h.key(pygame.K_RETURN)
    h.frame()
    text = h.pane.describe()
    assert "caret 77:5" in text and "[go to line]" not in text
    assert ">  77 |     v76 = 76" in text


def test_settings_changes_keep_working(make: Callable[..., Harness]) -> None:
    h = make("x = 'hello'\n" * 50)
    h.key(pygame.K_END, CTRL)
    h.frame()
    h.pane.set_fonts(Fonts(2.0))
    h.pane.set_theme(HIGH_CONTRAST)
    h.frame()
    text = h.pane.describe()
    assert "code 34px" in text
    assert "> 51 |" in text  # the caret stays in view at the bigger size
    h.pane.set_rect(pygame.Rect(0, 0, 500, 300))
    h.frame()
    assert "> 51 |" in h.pane.describe()


def test_clipboard_falls_back_in_process_when_the_system_has_none(
    make: Callable[..., Harness], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise pygame.error("no clipboard here")

    monkeypatch.setattr(pygame.scrap, "put_text", broken)
    monkeypatch.setattr(pygame.scrap, "get_text", broken)
    h = make("copy me")
    h.key(pygame.K_a, CTRL)
    h.key(pygame.K_c, CTRL)
    h.key(pygame.K_END)
    h.key(pygame.K_v, CTRL)
    h.frame()
    assert h.pane.text == "copy mecopy me"


def test_find_starts_from_the_selection_and_typing_replaces_it(
    make: Callable[..., Harness],
) -> None:
    h = make("ramp = torch.arange(3)\nplate = torch.ones(2)")
    h.key(pygame.K_RIGHT, CTRL | SHIFT)
    h.key(pygame.K_f, CTRL)
    h.frame()
    assert '[find] "ramp" 1 of 1, focused, query selected' in h.pane.describe()
    h.type("torch")
    h.frame()
    assert '[find] "torch" 1 of 2, focused' in h.pane.describe()
    h.key(pygame.K_f, CTRL)
    h.key(pygame.K_BACKSPACE)
    h.frame()
    assert '[find] "" type to search' in h.pane.describe()
