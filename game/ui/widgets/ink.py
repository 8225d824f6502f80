"""The ink log: every run of text the shared drawing helpers put on the window this frame,
kept only when the whole run lies inside the clip and the window (a line cut at a panel's
edge or scrolled out of view is not readable, so it is not "ink"). Each entry remembers the
screen that drew it, so a menu drawn over the story reports only its own words.

Snapshots read it; `App.draw` starts a new frame and names the screen drawing. Must not
import torch.
"""

from __future__ import annotations

import pygame

from game.ui.snapshot import Ink

_sizes: dict[int, int] = {}  # id(font) -> the pixel size it was made at


def remember_size(font: pygame.font.Font, px: int) -> None:
    _sizes[id(font)] = px


def font_px(font: pygame.font.Font) -> int:
    """The pixel size `font` was opened at (its height when it was not made by game.ui.fonts)."""
    return _sizes.get(id(font), font.get_height())


class InkLog:
    def __init__(self) -> None:
        self.owner: object | None = None
        self._frame: list[tuple[object | None, Ink]] = []

    def begin_frame(self) -> None:
        self._frame = []

    def record(
        self, surface: pygame.Surface, text: str, font: pygame.font.Font, rect: pygame.Rect
    ) -> None:
        if surface is not pygame.display.get_surface() or not text.strip():
            return
        clip = surface.get_clip()
        # Italic and bold glyphs overhang their advance by a pixel or two: a line that fills
        # its box exactly is still whole. Above and below, the clip must hold the full line.
        slack = max(2, rect.height // 6)
        if rect.width <= 0 or not clip.inflate(2 * slack, 0).contains(rect):
            return
        self._frame.append((self.owner, Ink(text, font_px(font), (*rect.topleft, *rect.size))))

    def of(self, owner: object) -> tuple[Ink, ...]:
        return tuple(ink for who, ink in self._frame if who is owner)

    def of_frame(self) -> tuple[Ink, ...]:
        """Every screen's ink this frame (where the words are, for what is drawn on top)."""
        return tuple(ink for _, ink in self._frame)


LOG = InkLog()
