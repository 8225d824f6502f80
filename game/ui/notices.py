"""Short notices in the top-right corner ("Quicksaved.", "Hint 1 of 3 unlocked."), fading out.

Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.widgets.draw import below_corner_chips
from game.ui.widgets.textfit import text_surface, wrap


def draw_notices(surface: pygame.Surface, ctx: Context) -> None:
    fonts, theme = ctx.fonts, ctx.theme
    font = fonts.get("body", 15)
    pad = fonts.px(10)
    width = min(fonts.px(420), surface.get_width() // 2)
    y = below_corner_chips(fonts)
    for notice in ctx.notices:
        color = {"error": theme.error, "success": theme.success}.get(notice.kind, theme.accent2)
        # Every word, at any text size (a notice stays up longer the longer it is).
        lines = wrap(font, notice.text, width - 2 * pad)
        box = pygame.Rect(0, y, width, len(lines) * font.get_linesize() + pad)
        box.right = surface.get_width() - pad
        alpha = 255 if ctx.settings.reduced_motion else int(255 * min(1.0, notice.left / 0.4))
        layer = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.rect(layer, (*theme.panel_alt, 235), layer.get_rect(), border_radius=6)
        pygame.draw.rect(layer, (*color, 255), layer.get_rect(), 2, border_radius=6)
        for i, line in enumerate(lines):
            layer.blit(
                text_surface(font, line, theme.text), (pad, pad // 2 + i * font.get_linesize())
            )
        layer.set_alpha(alpha)
        surface.blit(layer, box)
        y = box.bottom + pad // 2
