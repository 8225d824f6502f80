"""Pictures for scenes: portraits, backdrops and glyphs, procedural or from `assets/`.

`Art.portrait(id, px)` and `Art.backdrop(id, size)` accept a built-in id or an image file name
under any content root's `assets/` (e.g. `portraits/hammer.png`); anything unknown falls back to a
generated picture instead of failing. Results are cached per size. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.ui.art.backdrops import BACKDROPS, draw_backdrop
from game.ui.art.portraits import draw_portrait

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


class Art:
    def __init__(self, asset_dirs: Callable[[], list[Path]]):
        self.asset_dirs = asset_dirs  # asked each time: mods are discovered after startup
        self._cache: dict[tuple[str, str, int, int], pygame.Surface] = {}

    def _image(self, name: str) -> pygame.Surface | None:
        """An image file under one of the asset folders (mods last, so they win)."""
        if not name.lower().endswith(IMAGE_SUFFIXES):
            return None
        for folder in reversed(self.asset_dirs()):
            path = (folder / name).resolve()
            if folder.resolve() in path.parents and path.is_file():
                try:
                    return pygame.image.load(str(path)).convert_alpha()
                except (pygame.error, OSError, ValueError):
                    return None  # a broken image falls back to procedural art
        return None

    def portrait(self, portrait_id: str, px: int) -> pygame.Surface:
        key = ("portrait", portrait_id, px, px)
        if key not in self._cache:
            src = self._image(portrait_id) or draw_portrait(portrait_id)
            if src.get_width() <= 64:  # pixel art: keep the pixels crisp
                self._cache[key] = pygame.transform.scale(src, (px, px))
            else:
                self._cache[key] = pygame.transform.smoothscale(src.convert_alpha(), (px, px))
        return self._cache[key]

    def backdrop(self, backdrop_id: str | None, size: tuple[int, int]) -> pygame.Surface:
        name = backdrop_id or ""
        key = ("backdrop", name, *size)
        if key not in self._cache:
            image = self._image(name)
            src = image if image is not None else draw_backdrop(name)
            self._cache[key] = _cover(src, size, smooth=image is not None)
            self._trim()
        return self._cache[key]

    def _trim(self) -> None:
        # Full-window surfaces are large: keep only the few most recent backdrops.
        keys = [k for k in self._cache if k[0] == "backdrop"]
        for key in keys[:-4]:
            del self._cache[key]


def _cover(src: pygame.Surface, size: tuple[int, int], *, smooth: bool) -> pygame.Surface:
    """Scale `src` to fill `size`, cropping the overflow from the centre."""
    sw, sh = src.get_size()
    scale = max(size[0] / sw, size[1] / sh)
    scaled_size = (max(1, round(sw * scale)), max(1, round(sh * scale)))
    scaler = pygame.transform.smoothscale if smooth else pygame.transform.scale
    scaled = scaler(src.convert() if smooth else src, scaled_size)
    out = pygame.Surface(size)
    out.blit(scaled, ((size[0] - scaled_size[0]) // 2, (size[1] - scaled_size[1]) // 2))
    return out


__all__ = ["BACKDROPS", "Art"]
