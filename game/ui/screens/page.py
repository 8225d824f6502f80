"""PageScreen: what every full-screen menu page shares (chapter map, history, settings, saves,
mods, lab notebook): a heading at the top left, a "Back (Esc)" chip at the top right, key hints
along the bottom, a scrolling panel between, and leaving by Esc, a right click or the chip.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.stack import Screen
from game.ui.widgets.draw import (
    Hint,
    back_chip,
    back_chip_room,
    hint_bar_height,
    key_hints,
    label,
    panel,
)
from game.ui.widgets.scroll import Scroller

if TYPE_CHECKING:
    from game.ui.snapshot import Snapshot


def pointed(pos: tuple[int, int], rects: list[pygame.Rect]) -> int | None:
    """The index of the first rect under the pointer, if any."""
    return next((i for i, rect in enumerate(rects) if rect.collidepoint(pos)), None)


class PageScreen(Screen):
    keeps_session_clock = False
    close_on: tuple[str, ...] = ("back", "rclick")  # intents that leave the page

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._back = pygame.Rect(0, 0, 0, 0)
        self.scroller = Scroller(ctx)

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        if intent.name in self.close_on or (
            intent.name == "click" and self._back.collidepoint(intent.pos)
        ):
            self.close()
        else:
            self.on_intent(intent)

    def on_intent(self, intent: Intent) -> None:
        """What the page does with the rest; by default the wheel and keys scroll it."""
        self.scroller.handle(intent)

    # -- drawing --------------------------------------------------------------------------
    def frame(
        self, surface: pygame.Surface, heading: str, pad: int
    ) -> tuple[pygame.Rect, pygame.Rect]:
        """Clear the page and draw its heading; returns the heading's rect and the body's (the
        room between the heading and the key hints)."""
        fonts, theme = self.ctx.fonts, self.ctx.theme
        surface.fill(theme.bg)
        w, h = surface.get_size()
        title = label(
            surface,
            heading,
            (pad, pad),
            fonts,
            theme.accent,
            role="heading",
            base=28,
            max_width=max(1, w - 2 * pad - back_chip_room(fonts)),
        )
        body = pygame.Rect(
            pad,
            title.bottom + pad // 2,
            w - 2 * pad,
            max(1, h - title.bottom - pad - hint_bar_height(fonts, self.hint_list(), w)),
        )
        return title, body

    def panel_inner(self, surface: pygame.Surface, box: pygame.Rect, pad: int) -> pygame.Rect:
        """Draw a panel; returns the room inside it for content (a scroll bar beside it)."""
        panel(surface, box, self.ctx.theme)
        inner = box.inflate(-2 * pad, -pad)
        inner.width -= self.ctx.fonts.px(8)
        return inner

    @contextmanager
    def scrolled(
        self, surface: pygame.Surface, view: pygame.Rect, content_height: int
    ) -> Iterator[int]:
        """Clip drawing to `view` scrolled by the page's scroller; yields the y of content row
        0, and draws the scroll bar afterwards."""
        self.scroller.set(view, content_height)
        with self.scroller.clipped(surface) as y:
            yield y
        self.scroller.draw_bar(surface)

    def snap(self, **parts: Any) -> Snapshot:
        """The page's snapshot, with its Back chip among the click targets."""
        targets = {"back": (*self._back.topleft, *self._back.size), **parts.pop("targets", {})}
        return super().snap(targets=targets, **parts)

    def hint_list(self) -> list[Hint]:
        """The page's hint bar: its keys from the key table (every one, on as many rows as
        the width needs, so the keys that scroll are always named)."""
        return self.ctx.hints(self.name)

    def finish(self, surface: pygame.Surface) -> None:
        """The Back chip and the key hints, drawn last so nothing covers them."""
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self._back = back_chip(surface, fonts, theme)
        key_hints(surface, self.hint_list(), fonts, theme, wrap=True)
