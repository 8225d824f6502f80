"""The scene screen's chrome around the dialogue: the corner chips (History, Map, Skip, Menu)
and which one a click hits, the scene title left of them, the SKIP badge and the blinking
"continue" arrow. Pure drawing helpers with no story state. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.draw import chip_buttons, label, panel
from game.ui.widgets.richtext import RichText

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


def draw_title(
    surface: pygame.Surface, fonts: Fonts, theme: Theme, text: str, right: int
) -> pygame.Rect:
    """The scene's title, left of the corner chips, wrapped onto more lines rather than cut
    short; returns its box (empty when there is no room at all beside the chips)."""
    pad = fonts.px(10)
    room = right - 2 * pad
    if room < fonts.px(80):
        return pygame.Rect(pad, pad, 0, 0)  # a very narrow window at a huge font: chips first
    title = RichText(text, fonts, theme, room - 2 * pad, base=15, role="mono_bold", line_gap=0.05)
    box = pygame.Rect(pad, pad, title.used_width + 2 * pad, title.height + pad)
    panel(surface, box, theme, radius=6, width=1)
    title.draw(surface, (box.x + pad, box.y + pad // 2))
    return box


def draw_more(
    surface: pygame.Surface, fonts: Fonts, theme: Theme, right: int, top: int, page: str
) -> None:
    """The sign that a long line goes on, in the row kept free under the page: words and a
    down triangle (not colour alone), right-aligned at `right`."""
    spot = label(
        surface,
        f"{page} · more: Space",
        (right, top),
        fonts,
        theme.accent2,
        role="body_bold",
        base=18,
        anchor="topright",
    )
    size = spot.height // 3
    cx, cy = spot.left - size - fonts.px(4), spot.centery
    pygame.draw.polygon(
        surface,
        theme.accent2,
        [(cx - size, cy - size // 2), (cx + size, cy - size // 2), (cx, cy + size)],
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
