"""Fonts shipped in `assets/fonts` (Inter for body text, JetBrains Mono for code and headings),
cached per role and pixel size, scaled by the player's font-scale setting.
Must not import torch.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import pygame
import pygame.freetype

from game.content.locate import assets_dir
from game.ui.widgets.ink import remember_size

# The smallest size any text is designed at (key captions, at 100%): at every scale, no text is
# drawn below this times the player's scale. Menus scroll and lines page instead of shrinking.
SMALLEST_BASE = 12

Role = Literal["body", "body_bold", "italic", "mono", "mono_bold", "heading"]

_FILES: dict[str, str] = {
    "body": "Inter-Regular.otf",
    "body_bold": "Inter-SemiBold.otf",
    "italic": "Inter-Italic.otf",
    "mono": "JetBrainsMono-Regular.ttf",
    "mono_bold": "JetBrainsMono-Bold.ttf",
    "heading": "JetBrainsMono-ExtraBold.ttf",
}


@lru_cache(maxsize=128)
def font(role: Role, size: int) -> pygame.font.Font:
    """A pygame Font for `role` at `size` pixels (already scaled by the caller)."""
    if not pygame.font.get_init():
        pygame.font.init()
    path = assets_dir() / "fonts" / _FILES[role]
    made = pygame.font.Font(str(path), max(6, int(size)))
    remember_size(made, max(6, int(size)))
    return made


class Fonts:
    """Font sizes for one font scale (0.8 to 2.0); screens ask for roles, not files."""

    def __init__(self, scale: float = 1.0):
        self.scale = max(0.5, min(2.5, scale))

    def px(self, base: int) -> int:
        return max(6, round(base * self.scale))

    @property
    def min_px(self) -> int:
        """The smallest text size this scale allows."""
        return self.px(SMALLEST_BASE)

    def get(self, role: Role, base: int = 20) -> pygame.font.Font:
        return font(role, self.px(base))

    @property
    def body(self) -> pygame.font.Font:
        return self.get("body", 20)

    @property
    def mono(self) -> pygame.font.Font:
        return self.get("mono", 17)

    @property
    def heading(self) -> pygame.font.Font:
        return self.get("heading", 30)
