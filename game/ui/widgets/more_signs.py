"""The "more above / more below" signs at the edges of a scrolled list: a triangle and words
on a framed strip (not colour alone), clickable, each naming its key. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import text_surface

MORE_ABOVE, MORE_BELOW = "more above", "more below"
_KEYS = {MORE_ABOVE: "PgUp", MORE_BELOW: "PgDn"}


def sign_height(fonts: Fonts) -> int:
    return fonts.get("body_bold", 14).get_linesize() + fonts.px(4)


def draw_signs(
    surface: pygame.Surface,
    fonts: Fonts,
    theme: Theme,
    strips: dict[str, pygame.Rect],
) -> None:
    """One sign centred in each strip, keyed by MORE_ABOVE or MORE_BELOW."""
    font = fonts.get("body_bold", 14)
    size, gap = font.get_height() // 2, fonts.px(6)
    for word, strip in strips.items():
        words = f"{word} ({_KEYS[word]})"
        caption = text_surface(font, words, theme.accent2)
        spot = caption.get_rect(center=(strip.centerx + size + gap // 2, strip.centery))
        back = spot.inflate(2 * size + 3 * gap, 0).move(-size - gap // 2, 0)
        back.height, back.centery = strip.height - 2, strip.centery
        pygame.draw.rect(surface, theme.bg, back, border_radius=6)
        pygame.draw.rect(surface, theme.accent2, back, 1, border_radius=6)
        tip, half = (-1 if word == MORE_ABOVE else 1), size // 2
        cx, cy = spot.left - gap - half, strip.centery
        points = [(cx - half, cy - tip * half), (cx + half, cy - tip * half), (cx, cy + tip * half)]
        pygame.draw.polygon(surface, theme.accent2, points)
        surface.blit(caption, spot)
        LOG.record(surface, words, font, spot)
