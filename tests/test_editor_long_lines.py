"""A code line wider than the view is never cut for good (issue #18, "no word is hidden"): at
200% text in a 1024x640 window, in both themes, the view follows the caret sideways so the
keyboard brings every character into view whole, and a sign at each edge a line runs past says
that its text goes on. Proven through the pane's snapshot (its ink: each line's columns whole in
view), not pixels, except for the sign itself."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.ui.editor.harness import Harness
from game.ui.snapshot import Snapshot

# Every run of 5+ characters occurs once, so a piece of ink tells where in the line it sits.
LONG = "x = '" + "".join(f"{k:03d}:" for k in range(90)) + "'"
CODE = f"import torch\n{LONG}\nprint(x)\n"


@pytest.fixture(params=[False, True], ids=["default", "high_contrast"])
def harness(request: pytest.FixtureRequest) -> Iterator[Harness]:
    h = Harness(CODE, size=(1024, 640), scale=2.0, high_contrast=request.param)
    h.frame()
    yield h
    pygame.display.quit()


def _seen_columns(snap: Snapshot, line: str) -> set[int]:
    """The columns of `line` the snapshot's ink shows whole."""
    seen: set[int] = set()
    for ink in snap.ink:
        if len(ink.text) >= 5 and ink.text in line:
            at = line.index(ink.text)
            seen.update(range(at, at + len(ink.text)))
    return seen


def _sign_drawn(h: Harness, line: int, side: str) -> bool:
    """Is the "goes on" sign drawn at that edge of 0-based `line`: its tab (the gutter's colour,
    seen in the tab's outer top corner) with the arrow in its middle?"""
    view = h.pane.widget.view
    tr, w, lh = view.text_rect, view.sign_width, view.line_height
    x = tr.x if side == "left" else tr.right - w
    y = view.rect.y + (line - view.scroll_line) * lh
    corner = (x, y) if side == "left" else (x + w - 1, y)
    pal = view.palette
    return (
        h.screen.get_at(corner)[:3] == pal.gutter
        and h.screen.get_at((x + w // 2, y + lh // 2))[:3] == pal.gutter_current
    )


def test_the_keyboard_brings_every_character_of_a_long_line_into_view(harness: Harness) -> None:
    h = harness
    h.key(pygame.K_DOWN)  # onto the long line, at its start
    h.frame()
    snap = h.pane.snapshot()
    seen = _seen_columns(snap, LONG)
    assert len(seen) < len(LONG), "the line must be too wide for the view to test anything"
    for _ in range(len(LONG)):
        h.key(pygame.K_RIGHT)
        h.frame()
        seen |= _seen_columns(h.pane.snapshot(), LONG)
    assert seen == set(range(len(LONG)))
    assert h.pane.editor.caret.col == len(LONG)
    # Home goes back to the start sideways too.
    h.key(pygame.K_HOME)
    h.frame()
    assert 0 in _seen_columns(h.pane.snapshot(), LONG)


def test_a_sign_says_where_a_line_goes_on(harness: Harness) -> None:
    h = harness
    view = h.pane.widget.view
    h.key(pygame.K_DOWN)
    h.frame()
    assert view.shown(1)[2:] == (False, True)
    assert _sign_drawn(h, 1, "right") and not _sign_drawn(h, 1, "left")
    assert view.shown(0)[2:] == (False, False)  # "import torch" fits: no sign
    assert not _sign_drawn(h, 0, "right")
    h.key(pygame.K_END)
    h.frame()
    shown = view.shown(1)
    assert (shown.left, shown.right, shown.stop) == (True, False, len(LONG))
    assert _sign_drawn(h, 1, "left") and not _sign_drawn(h, 1, "right")
    for _ in range(len(LONG) // 2):
        h.key(pygame.K_LEFT)
    h.frame()
    assert view.shown(1)[2:] == (True, True)
    assert _sign_drawn(h, 1, "left") and _sign_drawn(h, 1, "right")


def test_ink_never_counts_a_character_the_sign_covers(harness: Harness) -> None:
    h = harness
    view = h.pane.widget.view
    h.key(pygame.K_DOWN)
    for _ in range(len(LONG) // 2):
        h.key(pygame.K_RIGHT)
    h.frame()
    tr = view.text_rect
    inks = [i for i in h.pane.snapshot().ink if len(i.text) >= 5 and i.text in LONG]
    assert len(inks) == 1
    x, _, w, _ = inks[0].box
    assert x >= tr.x + view.sign_width and x + w <= tr.right - view.sign_width
    assert inks[0].px >= h.pane.snapshot().min_px
