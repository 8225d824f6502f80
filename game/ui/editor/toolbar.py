"""Laying out the editor pane's toolbar at any width and font scale so nothing overlaps: full
labels and the caret position ("Ln 12, Col 4") on one row when they fit; else short labels and
a short position ("12:4"); else the buttons wrap onto more rows and the position takes the room
left on the last one (or is left out: the gutter still shows the line). Must not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.editor.chrome import Button

# The widest positions worth reserving room for (a 9999-line file, column 999).
WHERE_FULL = "Ln 9999, Col 999"
WHERE_SHORT = "9999:999"


@dataclass(frozen=True)
class ToolbarLayout:
    rect: pygame.Rect  # the whole toolbar, one or more rows
    where: pygame.Rect | None  # room for the caret position; None when there is none
    short: bool  # short labels and the short position


def where_text(line: int, col: int, short: bool) -> str:
    return f"{line}:{col}" if short else f"Ln {line}, Col {col}"


def layout_toolbar(
    buttons: Sequence[Button], font: pygame.font.Font, area: pygame.Rect, row_h: int, gap: int
) -> ToolbarLayout:
    """Place `buttons` in `area` (top-left aligned); returns the toolbar's rect and where the
    caret position goes. Buttons are `row_h - 2 * inset` tall, centred in their row."""
    inset = max(2, gap - 1)
    height = row_h - 2 * inset
    for short in (False, True):
        where_w = font.size(WHERE_SHORT if short else WHERE_FULL)[0]
        needed = gap + sum(b.width(font, height, short) + gap for b in buttons) + where_w + gap
        if needed <= area.w:
            x = area.x + gap
            for button in buttons:
                x = button.fit(font, x, area.y + inset, height, short) + gap
            where = pygame.Rect(area.right - gap - where_w, area.y, where_w, row_h)
            return ToolbarLayout(pygame.Rect(area.x, area.y, area.w, row_h), where, short)
    x, y = area.x + gap, area.y
    for button in buttons:
        width = min(button.width(font, height, True), area.w - 2 * gap)
        if x > area.x + gap and x + width > area.right - gap:
            x, y = area.x + gap, y + row_h
        button.fit(font, x, y + inset, height, True)
        button.rect.width = max(1, width)
        x = button.rect.right + gap
    where_w = font.size(WHERE_SHORT)[0]
    where = pygame.Rect(area.right - gap - where_w, y, where_w, row_h)
    room = where if where.left >= x else None
    return ToolbarLayout(pygame.Rect(area.x, area.y, area.w, y + row_h - area.y), room, True)
