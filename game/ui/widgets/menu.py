"""A vertical menu of buttons, driven by keyboard (arrows, numbers, Enter/Space) and mouse
(hover, click, wheel). Long labels wrap; a menu taller than its box scrolls to keep the
selection visible. Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.fonts import Fonts
from game.ui.intents import Intent
from game.ui.theme import Theme
from game.ui.widgets.richtext import RichText
from game.ui.widgets.textfit import text_surface


@dataclass
class MenuItem:
    key: str
    label: str
    enabled: bool = True
    detail: str = ""  # small text on the right, e.g. a key or a value


class Menu:
    def __init__(
        self,
        items: list[MenuItem],
        fonts: Fonts,
        theme: Theme,
        *,
        base: int = 22,
        numbered: bool = False,
        align: str = "center",
        min_base: int | None = None,
    ):
        self.items = items
        self.fonts, self.theme = fonts, theme
        self.base, self.numbered, self.align = base, numbered, align
        # With `min_base`, the text shrinks (down to it) before the items would need scrolling.
        self.min_base = min_base if min_base is not None else base
        self.selected = next((i for i, it in enumerate(items) if it.enabled), 0)
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.scroll = 0
        self._texts: list[RichText] = []
        self._boxes: list[pygame.Rect] = []
        self._key: tuple[object, ...] = ()
        self._pad = fonts.px(10)
        self._detail_font = fonts.get("mono", 15)

    # -- layout ---------------------------------------------------------------------------
    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)

    def _prefix(self, i: int) -> str:
        return f"{i + 1}. " if self.numbered and i < 9 else ""

    def _layout(self) -> None:
        key = (
            self.rect.size,
            self.fonts.scale,
            self.theme.name,
            tuple((it.label, it.enabled, it.detail) for it in self.items),
        )
        if key == self._key:
            return
        self._key = key
        for base in range(self.base, self.min_base - 1, -2):
            self._build(base)
            if not self._boxes or self._boxes[-1].bottom <= self.rect.height:
                break

    def _build(self, base: int) -> None:
        pad = self.fonts.px(max(4, base * 10 // 22))  # room around the text shrinks with it
        detail_font = self.fonts.get("mono", max(10, base * 15 // 22))
        self._pad, self._detail_font = pad, detail_font
        self._texts, self._boxes = [], []
        y = 0
        for i, item in enumerate(self.items):
            detail_w = detail_font.size(item.detail)[0] + pad if item.detail else 0
            color = self.theme.text if item.enabled else self.theme.disabled
            text = RichText(
                self._prefix(i) + item.label,
                self.fonts,
                self.theme,
                self.rect.width - 2 * pad - detail_w,
                base=base,
                color=color,
                align=self.align,
                line_gap=0.05,
            )
            self._texts.append(text)
            box = pygame.Rect(0, y, self.rect.width, text.height + pad)
            self._boxes.append(box)
            y = box.bottom + self.fonts.px(max(2, base * 6 // 22))

    @property
    def content_height(self) -> int:
        self._layout()
        return self._boxes[-1].bottom if self._boxes else 0

    def _box(self, i: int) -> pygame.Rect:
        return self._boxes[i].move(self.rect.x, self.rect.y - self.scroll)

    def _keep_visible(self) -> None:
        if not self._boxes:
            return
        box = self._boxes[self.selected]
        if box.top < self.scroll:
            self.scroll = box.top
        elif box.bottom > self.scroll + self.rect.height:
            self.scroll = box.bottom - self.rect.height

    # -- input ----------------------------------------------------------------------------
    def _move(self, step: int) -> None:
        if not any(it.enabled for it in self.items):
            return
        i = self.selected
        for _ in range(len(self.items)):
            i = (i + step) % len(self.items)
            if self.items[i].enabled:
                self.selected = i
                break
        self._keep_visible()

    def hit(self, pos: tuple[int, int]) -> int | None:
        self._layout()
        if not self.rect.collidepoint(pos):
            return None
        return next((i for i in range(len(self.items)) if self._box(i).collidepoint(pos)), None)

    def handle(self, intent: Intent) -> MenuItem | None:
        """React to an intent; returns the item activated, if any."""
        self._layout()
        name = intent.name
        if name in ("up", "tab_back"):
            self._move(-1)
        elif name in ("down", "tab"):
            self._move(1)
        elif name in ("confirm", "advance"):
            return self._activate(self.selected)
        elif name == "number" and self.numbered:
            return self._activate(intent.value - 1)
        elif name == "motion":
            i = self.hit(intent.pos)
            if i is not None and self.items[i].enabled:
                self.selected = i
        elif name == "click":
            i = self.hit(intent.pos)
            if i is not None:
                return self._activate(i)
        elif name == "wheel" and self.rect.collidepoint(intent.pos):
            most = max(0, self.content_height - self.rect.height)
            self.scroll = max(0, min(most, self.scroll - intent.value * self.fonts.px(30)))
        return None

    def _activate(self, i: int) -> MenuItem | None:
        if 0 <= i < len(self.items) and self.items[i].enabled:
            self.selected = i
            return self.items[i]
        return None

    def select_key(self, key: str) -> None:
        for i, item in enumerate(self.items):
            if item.key == key:
                self.selected = i

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self._layout()
        self._keep_visible()
        pad, detail_font = self._pad, self._detail_font
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        for i, (item, text) in enumerate(zip(self.items, self._texts, strict=False)):
            box = self._box(i)
            if box.bottom < self.rect.top or box.top > self.rect.bottom:
                continue
            chosen = i == self.selected and item.enabled
            fill = self.theme.panel_alt if chosen else self.theme.panel
            pygame.draw.rect(surface, fill, box, border_radius=8)
            edge = self.theme.accent if chosen else self.theme.border
            pygame.draw.rect(surface, edge, box, 3 if chosen else 1, border_radius=8)
            if chosen:
                mark = pygame.Rect(box.x + 4, box.y + 6, 4, box.height - 12)
                pygame.draw.rect(surface, self.theme.accent, mark, border_radius=2)
            text.draw(surface, (box.x + pad, box.y + pad // 2))
            if item.detail:
                d = text_surface(detail_font, item.detail, self.theme.accent2)
                surface.blit(d, d.get_rect(midright=(box.right - pad, box.centery)))
        surface.set_clip(clip)
        if self.content_height > self.rect.height:  # a thin scroll bar
            frac = self.rect.height / self.content_height
            bar_h = max(12, int(self.rect.height * frac))
            top = self.rect.y + int(self.scroll * frac)
            pygame.draw.rect(
                surface, self.theme.accent2, (self.rect.right + 3, top, 3, bar_h), border_radius=2
            )

    def describe(self) -> str:
        parts = []
        for i, item in enumerate(self.items):
            mark = ">" if i == self.selected else " "
            state = "" if item.enabled else " (disabled)"
            detail = f" [{item.detail}]" if item.detail else ""
            parts.append(f"{mark}{self._prefix(i)}{item.label}{detail}{state}")
        return "\n".join(parts)
