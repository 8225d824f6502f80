"""The results panel's fonts and spacings for one font scale, in one place so every section
scales together (0.8 to 2.0). Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.fonts import Fonts


@dataclass(frozen=True)
class PanelStyle:
    verdict: pygame.font.Font
    body: pygame.font.Font
    bold: pygame.font.Font
    italic: pygame.font.Font
    small: pygame.font.Font
    mono: pygame.font.Font
    cell: pygame.font.Font
    tiny: pygame.font.Font
    pad: int
    gap: int

    @staticmethod
    def is_compact(fonts: Fonts, height: int) -> bool:
        return height < fonts.px(16) * 16

    @classmethod
    def from_fonts(cls, fonts: Fonts, compact: bool = False) -> PanelStyle:
        """`compact`: a short panel, where a big verdict would push everything else out."""
        return cls(
            verdict=fonts.get("heading", 16 if compact else 22),
            body=fonts.get("body", 16),
            bold=fonts.get("body_bold", 16),
            italic=fonts.get("italic", 16),
            small=fonts.get("body", 14),
            mono=fonts.get("mono", 14),
            cell=fonts.get("mono", 13),
            tiny=fonts.get("mono", 11),
            pad=fonts.px(8),
            gap=fonts.px(12),
        )
