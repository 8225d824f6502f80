"""SceneChrome: the scene screen's chrome around the dialogue. It owns the corner chips
(History, Map, Skip, Menu), where they were drawn and which one a click hits, the scene title
left of them and how far down the two reach (choices never rise above that); it also draws the
SKIP badge under the chips and the blinking "continue" arrow. No story state. Must not import
torch.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import Fonts
from game.ui.snapshot import Box
from game.ui.theme import Theme
from game.ui.widgets.draw import chip_buttons, label, panel
from game.ui.widgets.richtext import RichText

CHIPS = [
    ("history", "History (H)"),
    ("map", "Map (M)"),
    ("skip", "Skip (S)"),
    ("back", "Menu (Esc)"),
]


class SceneChrome:
    def __init__(self) -> None:
        self.chips: dict[str, pygame.Rect] = {}
        self.top = 0  # the bottom of the title and chips drawn last

    def draw(self, surface: pygame.Surface, fonts: Fonts, theme: Theme, title: str | None) -> None:
        """The corner chips, top right, and `title` (if any) left of them."""
        self.chips = chip_buttons(
            surface,
            CHIPS,
            fonts,
            theme,
            top_right=(surface.get_width() - fonts.px(10), fonts.px(10)),
        )
        self.top = max(r.bottom for r in self.chips.values())
        if title is not None:
            left = min(r.left for r in self.chips.values())
            self.top = max(self.top, draw_title(surface, fonts, theme, title, left).bottom)

    def chip_at(self, pos: tuple[int, int]) -> str | None:
        """The intent of the chip at `pos`, if any: a chip does what its key does."""
        return next((k for k, r in self.chips.items() if r.collidepoint(pos)), None)

    def targets(self) -> dict[str, Box]:
        return {f"chip:{key}": (*r.topleft, *r.size) for key, r in self.chips.items()}

    def draw_skip_badge(self, surface: pygame.Surface, fonts: Fonts, theme: Theme) -> None:
        below = max(r.bottom for r in self.chips.values()) + fonts.px(6)
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


def draw_continue_arrow(surface: pygame.Surface, theme: Theme, box: pygame.Rect, pad: int) -> None:
    """The small triangle in the dialogue box's corner: the line is complete, press on."""
    pts = [
        (box.right - pad * 2, box.bottom - pad * 2),
        (box.right - pad, box.bottom - pad * 2),
        (box.right - pad * 3 // 2, box.bottom - pad * 3 // 2),
    ]
    pygame.draw.polygon(surface, theme.accent2, pts)
