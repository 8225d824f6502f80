"""The editor pane's toolbar and find bar never overlap themselves, at every font scale from
80% to 200% and every window from 1024x640 up, in the rect the lab terminal gives the pane
("Ln 1, Col 1" once covered "Reset to starter" at 1024x640 and 200%)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pygame
import pytest

from game.ui.editor.pane import EditorPane
from game.ui.fonts import Fonts
from game.ui.screens.terminal_layout import TerminalButton, plan
from game.ui.theme import DEFAULT

SCALES = [round(0.8 + 0.1 * i, 1) for i in range(13)]
SIZES = [(1024, 640), (1100, 700), (1280, 800), (1366, 768), (1920, 1080), (3840, 2160)]


def _buttons() -> list[TerminalButton]:
    return [
        TerminalButton("run", "Run", "Ctrl+Enter"),
        TerminalButton("try", "Try", "Ctrl+Shift+Enter"),
        TerminalButton("hint", "Hint", "F1"),
        TerminalButton("device", "Device: auto", "F2"),
        TerminalButton("back", "Back", "Esc"),
    ]


def _apart(rects: list[pygame.Rect], where: str) -> None:
    for a, b in combinations(rects, 2):
        assert not a.colliderect(b), f"{where}: {a} overlaps {b}"


@pytest.fixture(scope="module", autouse=True)
def _display() -> None:
    pygame.display.init()
    pygame.font.init()


@pytest.mark.parametrize("scale", SCALES)
def test_toolbar_and_find_bar_fit_the_terminal_pane(scale: float, tmp_path: Path) -> None:
    fonts = Fonts(scale)
    pane = EditorPane(
        "import torch\n" * 40,
        fonts=fonts,
        theme=DEFAULT,
        draft_path=tmp_path / "draft.py",
        starter="import torch\n",
    )
    surface = pygame.Surface(SIZES[-1])
    for size in SIZES:
        rect = plan(size, fonts, _buttons()).editor
        for mode in (None, "find", "goto"):
            if mode is None:
                pane.find_bar.close()
            else:
                pane.find_bar.open(mode)  # type: ignore[arg-type]
            pane.set_rect(rect)
            where = f"{size} at {scale:.0%}, bar {mode}"
            bar = pane.toolbar.layout
            assert rect.contains(bar.rect), where
            pieces = [b.rect for b in pane.buttons] + ([bar.where] if bar.where else [])
            assert all(bar.rect.contains(r) for r in pieces), where
            _apart(pieces, where)
            if mode is not None:
                fb = pane.find_bar
                found = [fb._field, *(b.rect for b in fb.buttons)] + (
                    [fb._status] if fb._status.w else []
                )
                assert all(fb.rect.contains(r) for r in found), where
                _apart(found, where)
                assert fb._field.w >= fonts.get("body", 15).size("000")[0], where
            assert pane.widget.view.rect.h >= pane.widget.view.line_height, where  # some code shows
            pane.draw(surface)


def test_labels_shorten_before_anything_wraps(tmp_path: Path) -> None:
    pane = EditorPane(
        "x = 1\n", fonts=Fonts(2.0), theme=DEFAULT, draft_path=tmp_path / "d.py", starter="x = 1\n"
    )
    pane.set_rect(pygame.Rect(0, 0, 1800, 400))
    assert [b.shown for b in pane.buttons] == ["A-", "A+", "Reset to starter", "Open in my editor"]
    assert pane.toolbar.layout.where is not None and not pane.toolbar.layout.short
    pane.set_rect(pygame.Rect(0, 0, 700, 400))
    assert [b.shown for b in pane.buttons] == ["A-", "A+", "Reset", "My editor"]
    assert pane.toolbar.layout.short and pane.toolbar.layout.rect.h < 100
    pane.set_rect(pygame.Rect(0, 0, 300, 400))  # narrower than any window allows: rows
    rows = {b.rect.y for b in pane.buttons}
    assert len(rows) > 1
    assert "[toolbar] A- | A+ | Reset to starter | Open in my editor" in pane.describe()


def test_the_toolbar_and_hover_parts_alone() -> None:
    from game.text import Marker
    from game.ui.editor.chrome import Button
    from game.ui.editor.hover import Hover
    from game.ui.editor.toolbar import Toolbar

    pressed: list[str] = []
    bar = Toolbar([Button("A-", lambda: pressed.append("A-"), "smaller code")])
    bar.place(pygame.Rect(10, 20, 800, 400), Fonts(1.0).get("body", 15), 30)
    assert bar.rect == pygame.Rect(10, 20, 800, 30) and bar.layout.where is not None
    button = bar.at(bar.buttons[0].rect.center)
    assert button is bar.buttons[0] and bar.at((700, 300)) is None
    hover = Hover()
    assert hover.tooltip(button, None, False) is None  # the pointer was never seen
    hover.moved((15, 25), over_code=False)
    assert hover.tooltip(button, None, False) == "smaller code"
    marks = [Marker(line=2, kind="warning", message="unused")]
    assert hover.tooltip(None, marks, True) == "Line 2 (warning): unused"
    assert hover.tooltip(None, marks, False) is None
