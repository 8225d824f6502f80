"""Vertical scrolling for anything taller than its box: wheel, PageUp/PageDown, Home/End and
arrows, a scroll bar, and a clip so nothing draws outside the box. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent

if TYPE_CHECKING:
    from game.ui.context import Context


class Scroller:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.view = pygame.Rect(0, 0, 0, 0)
        self.content_height = 0
        self.offset = 0
        self.heading = 1  # the way the last scroll went: 1 down, -1 up

    def set(self, view: pygame.Rect, content_height: int) -> None:
        self.view = pygame.Rect(view)
        self.content_height = content_height
        self.offset = min(self.offset, self.max_offset)

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.view.height)

    def scroll_by(self, dy: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + dy))
        self.heading = -1 if dy < 0 else 1

    def to_end(self) -> None:
        self.offset = self.max_offset

    def show(self, top: int, bottom: int) -> None:
        """Scroll the least needed so content rows top..bottom are visible."""
        if bottom - self.offset > self.view.height:
            self.offset = min(self.max_offset, bottom - self.view.height)
        if top < self.offset:
            self.offset = max(0, top)

    def more_keys(self) -> tuple[str, ...]:
        """The key that brings hidden content into view: on the way the reader was going while
        there is more that way, else back the other way."""
        down = ("page down",) if self.offset < self.max_offset else ()
        up = ("page up",) if self.offset > 0 else ()
        return (up or down) if self.heading < 0 else (down or up)

    def handle(self, intent: Intent, *, keys: bool = True) -> bool:
        step = self.ctx.fonts.px(40)
        name = intent.name
        if name == "wheel" and self.view.collidepoint(intent.pos):
            self.scroll_by(-intent.value * step)
        elif keys and name in ("up", "down"):
            self.scroll_by(step if name == "down" else -step)
        elif keys and name in ("page_up", "page_down"):
            page = max(step, self.view.height - step)
            self.scroll_by(page if name == "page_down" else -page)
        elif keys and name == "home":
            self.offset = 0
        elif keys and name == "end":
            self.to_end()
        else:
            return False
        return True

    @contextmanager
    def clipped(self, surface: pygame.Surface) -> Iterator[int]:
        """Clip drawing to the view; yields the y where content row 0 goes."""
        old = surface.get_clip()
        surface.set_clip(self.view.clip(old) if old else self.view)
        try:
            yield self.view.y - self.offset
        finally:
            surface.set_clip(old)

    def draw_bar(self, surface: pygame.Surface) -> None:
        if self.max_offset <= 0:
            return
        frac = self.view.height / self.content_height
        bar_h = max(16, int(self.view.height * frac))
        top = self.view.y + int((self.view.height - bar_h) * self.offset / self.max_offset)
        track = pygame.Rect(self.view.right + 4, self.view.y, 4, self.view.height)
        pygame.draw.rect(surface, self.ctx.theme.border, track, border_radius=2)
        pygame.draw.rect(surface, self.ctx.theme.accent2, (track.x, top, 4, bar_h), border_radius=2)
