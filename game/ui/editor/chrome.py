"""Small drawing pieces around the editor: buttons, word-wrapped text and tooltips, in the
theme's colours. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from game.ui.theme import Theme
from game.ui.widgets.textfit import ellipsize, text_surface, wrap


@dataclass
class Button:
    label: str
    action: Callable[[], object]
    hint: str = ""  # said on hover and in describe()
    toggled: bool = False
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    short: str = ""  # drawn instead of `label` where room is short
    shown: str = ""  # what the last fit chose to draw

    def text(self, short: bool = False) -> str:
        return self.short if short and self.short else self.label

    def width(self, font: pygame.font.Font, height: int, short: bool = False) -> int:
        return font.size(self.text(short))[0] + height // 2 * 2

    def fit(self, font: pygame.font.Font, x: int, y: int, height: int, short: bool = False) -> int:
        """Place the button at (x, y); returns the x just after it."""
        self.shown = self.text(short)
        self.rect = pygame.Rect(x, y, self.width(font, height, short), height)
        return self.rect.right

    def draw(
        self,
        surface: pygame.Surface,
        font: pygame.font.Font,
        theme: Theme,
        hovered: bool,
        focused: bool = False,
    ) -> None:
        fill = theme.panel_alt if hovered or self.toggled or focused else theme.panel
        pygame.draw.rect(surface, fill, self.rect, border_radius=5)
        edge = theme.accent2 if focused else theme.accent if self.toggled else theme.border
        pygame.draw.rect(surface, edge, self.rect, 2 if focused else 1, border_radius=5)
        text = ellipsize(font, self.shown or self.label, self.rect.w - 4)
        label = text_surface(font, text, theme.text)
        surface.blit(label, label.get_rect(center=self.rect.center))


def draw_lines(
    surface: pygame.Surface,
    lines: Sequence[str],
    font: pygame.font.Font,
    colour: tuple[int, int, int],
    x: int,
    y: int,
) -> None:
    for line in lines:
        surface.blit(text_surface(font, line, colour), (x, y))
        y += font.get_linesize()


def draw_tooltip(
    surface: pygame.Surface,
    text: str,
    anchor: tuple[int, int],
    font: pygame.font.Font,
    theme: Theme,
    bounds: pygame.Rect,
) -> None:
    """A boxed message below-right of `anchor`, kept inside `bounds`."""
    pad = 8
    lines = wrap(font, text, max(120, bounds.w * 2 // 3))
    width = max(font.size(line)[0] for line in lines) + 2 * pad
    height = len(lines) * font.get_linesize() + 2 * pad
    box = pygame.Rect(anchor[0] + 12, anchor[1] + 18, width, height)
    box.clamp_ip(bounds)
    pygame.draw.rect(surface, theme.panel_alt, box, border_radius=6)
    pygame.draw.rect(surface, theme.border, box, 1, border_radius=6)
    draw_lines(surface, lines, font, theme.text, box.x + pad, box.y + pad)
