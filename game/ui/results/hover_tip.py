"""HoverTip: the small box beside the pointer that tells a cell's value, owned by the results
panel. It keeps the hit it was drawn for, so moving within one cell renders nothing anew, and
places itself inside the panel, above the pointer where there is no room below.
"""

from __future__ import annotations

import pygame

from game.ui.results.doc import Hit
from game.ui.results.style import PanelStyle
from game.ui.theme import Theme
from game.ui.widgets.textfit import text_surface, wrap


class HoverTip:
    def __init__(self) -> None:
        self.hit: Hit | None = None
        self.surface: pygame.Surface | None = None

    def clear(self) -> None:
        """Forget the tip (the panel scrolled, or its look changed)."""
        self.hit, self.surface = None, None

    def point_at(self, hit: Hit | None, style: PanelStyle, theme: Theme, width: int) -> None:
        """The pointer is over `hit` (None: over no cell); `width`: the panel's."""
        if hit is self.hit:
            return
        self.hit = hit
        self.surface = _render(hit.tooltip, style, theme, width) if hit and hit.tooltip else None

    def draw(self, surface: pygame.Surface, mouse: tuple[int, int], bounds: pygame.Rect) -> None:
        tip = self.surface
        if tip is None:
            return
        x = min(mouse[0] + 14, bounds.right - tip.get_width() - 2)
        y = mouse[1] + 18
        if y + tip.get_height() > bounds.bottom:
            y = mouse[1] - tip.get_height() - 6
        surface.blit(tip, (max(bounds.x + 2, x), max(bounds.y + 2, y)))


def _render(text: str, style: PanelStyle, theme: Theme, panel_width: int) -> pygame.Surface:
    s, th = style, theme
    width = max(40, min(panel_width - 2 * s.pad, s.small.size(text)[0] + 2 * s.pad))
    lines = wrap(s.small, text, width - 2 * s.pad)
    h = len(lines) * s.small.get_linesize() + s.pad
    surface = pygame.Surface((width, h))
    surface.fill(th.panel_alt)
    pygame.draw.rect(surface, th.accent2, surface.get_rect(), 1)
    for i, line in enumerate(lines):
        surface.blit(
            text_surface(s.small, line, th.text),
            (s.pad, s.pad // 2 + i * s.small.get_linesize()),
        )
    return surface
