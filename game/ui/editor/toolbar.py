"""The editor pane's toolbar (`Toolbar`: its buttons and the caret position) and laying it
out at any width and font scale so nothing overlaps: full labels and the caret position
("Ln 12, Col 4") on one row when they fit; else short labels and a short position ("12:4");
else the buttons wrap onto more rows and the position takes the room left on the last one (or
is left out: the gutter still shows the line). Must not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.editor.chrome import Button
from game.ui.theme import Theme
from game.ui.widgets.textfit import ellipsize, text_surface

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


class Toolbar:
    """The row of buttons above the code and the caret position at its right end: owns the
    buttons, where each sits and the drawing of both."""

    def __init__(self, buttons: Sequence[Button]) -> None:
        self.buttons = list(buttons)
        self.layout = ToolbarLayout(pygame.Rect(0, 0, 0, 0), None, False)

    @property
    def rect(self) -> pygame.Rect:
        return self.layout.rect

    def place(self, area: pygame.Rect, font: pygame.font.Font, row_h: int) -> None:
        self.layout = layout_toolbar(self.buttons, font, area, row_h, 6)

    def at(self, xy: tuple[int, int]) -> Button | None:
        """The button under `xy`, if any."""
        return next((b for b in self.buttons if b.rect.collidepoint(xy)), None)

    def draw(
        self,
        surface: pygame.Surface,
        font: pygame.font.Font,
        theme: Theme,
        caret: tuple[int, int],
        mouse: tuple[int, int] | None,
    ) -> None:
        """The buttons (the one under `mouse` lit) and the 1-based caret (line, column)."""
        surface.fill(theme.panel, self.layout.rect)
        hovered = self.at(mouse) if mouse is not None else None
        for button in self.buttons:
            button.draw(surface, font, theme, button is hovered)
        room = self.layout.where
        if room is not None:
            text = ellipsize(font, where_text(*caret, self.layout.short), room.w)
            where = text_surface(font, text, theme.text_dim)
            surface.blit(where, where.get_rect(midright=room.midright))
