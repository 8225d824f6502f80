"""A faint CRT scanline overlay (the Professor's phosphor glow). Must not import torch."""

from __future__ import annotations

from functools import lru_cache

import pygame


@lru_cache(maxsize=4)
def _lines(size: tuple[int, int]) -> pygame.Surface:
    s = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(0, size[1], 3):
        pygame.draw.line(s, (0, 0, 0, 46), (0, y), (size[0], y))
    return s


def scanlines(surface: pygame.Surface) -> None:
    surface.blit(_lines(surface.get_size()), (0, 0))
