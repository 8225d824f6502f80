"""The scene screen's chrome around the dialogue: the corner chips (History, Map, Skip, Menu)
and which one a click hits, the scene title left of them, the SKIP badge and the blinking
"continue" arrow. Pure drawing helpers with no story state. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.draw import chip_buttons, label, panel
from game.ui.widgets.textfit import text_surface

CHIPS = [
    ("history", "History (H)"),
    ("map", "Map (M)"),
    ("skip", "Skip (S)"),
    ("back", "Menu (Esc)"),
]


def draw_chips(surface: pygame.Surface, fonts: Fonts, theme: Theme) -> dict[str, pygame.Rect]:
    """The corner chips, top right; returns where each one is, by the intent it stands for."""
    return chip_buttons(
        surface, CHIPS, fonts, theme, top_right=(surface.get_width() - fonts.px(10), fonts.px(10))
    )


def chip_at(chips: dict[str, pygame.Rect], pos: tuple[int, int]) -> str | None:
    return next((k for k, r in chips.items() if r.collidepoint(pos)), None)


def draw_title(surface: pygame.Surface, fonts: Fonts, theme: Theme, text: str, right: int) -> None:
    """The scene's title, left of the corner chips (cut short rather than overlapping)."""
    pad = fonts.px(10)
    font = fonts.get("mono_bold", 15)
    surf = text_surface(font, text, theme.text)
    room = right - 2 * pad
    if room < fonts.px(80):
        return  # a very narrow window at a huge font: the chips matter more
    box = pygame.Rect(pad, pad, min(surf.get_width() + 2 * pad, room), surf.get_height() + pad)
    panel(surface, box, theme, radius=6, width=1)
    label(
        surface,
        text,
        (box.x + pad, box.y + pad // 2),
        fonts,
        theme.text,
        role="mono_bold",
        base=15,
        max_width=box.width - 2 * pad,
    )


def draw_skip_badge(
    surface: pygame.Surface, fonts: Fonts, theme: Theme, chips: dict[str, pygame.Rect]
) -> None:
    below = max(r.bottom for r in chips.values()) + fonts.px(6)
    label(
        surface,
        "SKIP ▶▶",
        (surface.get_width() - fonts.px(16), below),
        fonts,
        theme.accent2,
        role="mono_bold",
        base=16,
        anchor="topright",
    )


def draw_continue_arrow(surface: pygame.Surface, theme: Theme, box: pygame.Rect, pad: int) -> None:
    """The small triangle in the dialogue box's corner: the line is complete, press on."""
    pts = [
        (box.right - pad * 2, box.bottom - pad * 2),
        (box.right - pad, box.bottom - pad * 2),
        (box.right - pad * 3 // 2, box.bottom - pad * 3 // 2),
    ]
    pygame.draw.polygon(surface, theme.accent2, pts)
