"""A vertical menu of buttons, driven by keyboard (arrows, numbers, Enter/Space) and mouse
(hover, click, wheel). Long labels wrap; text always keeps the player's size, so a menu taller
than its box scrolls to keep the selection visible, with "more above / more below" markers
(a triangle and words, clickable) at the edges. A disabled item is not told by its dim colour
alone: it wears a padlock glyph and says why it is shut ("(no save yet)"). Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.text.markup import Span, parse_inline
from game.ui.fonts import Fonts
from game.ui.intents import Intent
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.more_signs import MORE_ABOVE, MORE_BELOW, draw_signs, sign_height
from game.ui.widgets.richtext import RichText
from game.ui.widgets.textfit import text_surface

LOCKED = "locked"
LOCK_GLYPH = "lock"


@dataclass
class MenuItem:
    key: str
    label: str
    enabled: bool = True
    detail: str = ""  # small text on the right, e.g. a key or a value
    why: str = LOCKED  # shown after a disabled item's label: why it cannot be picked now


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
    ):
        self.items = items
        self.fonts, self.theme = fonts, theme
        self.base, self.numbered, self.align = base, numbered, align
        self.selected = next((i for i, it in enumerate(items) if it.enabled), 0)
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.scroll = 0
        self._texts: list[RichText] = []
        self._boxes: list[pygame.Rect] = []
        self._key: tuple[object, ...] = ()
        self._pad = fonts.px(10)
        self._detail_font = fonts.get("mono", 15)
        self.signs: dict[str, pygame.Rect] = {}

    # -- layout ---------------------------------------------------------------------------
    def set_rect(self, rect: pygame.Rect) -> None:
        resized = pygame.Rect(rect).size != self.rect.size
        self.rect = pygame.Rect(rect)
        if resized:
            self._layout()
            self._keep_visible()

    @property
    def marker_height(self) -> int:
        return sign_height(self.fonts)

    @property
    def overflows(self) -> bool:
        return self.content_height > self.rect.height

    @property
    def view(self) -> pygame.Rect:
        """Where items show: the whole box, or between the two marker strips when it scrolls."""
        if not self.overflows:
            return pygame.Rect(self.rect)
        m = self.marker_height
        return pygame.Rect(self.rect.x, self.rect.y + m, self.rect.width, self.rect.height - 2 * m)

    def least_height(self) -> int:
        """The smallest box that shows every item whole, one at a time if need be (the
        tallest item between the two markers)."""
        self._layout()
        tallest = max((b.height for b in self._boxes), default=0)
        return min(self.content_height, tallest + 2 * self.marker_height + 1)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.view.height)

    def _prefix(self, i: int) -> str:
        return f"{i + 1}. " if self.numbered and i < 9 else ""

    def _layout(self) -> None:
        key = (
            self.rect.width,
            self.fonts.scale,
            self.theme.name,
            tuple((it.label, it.enabled, it.detail, it.why) for it in self.items),
        )
        if key == self._key:
            return
        self._key = key
        self._build(self.base)
        self._keep_visible()  # a new size or scale may have moved the selection out of view

    def _build(self, base: int) -> None:
        pad = self.fonts.px(max(4, base * 10 // 22))
        detail_font = self.fonts.get("mono", max(12, base * 15 // 22))
        self._pad, self._detail_font = pad, detail_font
        self._texts, self._boxes = [], []
        y = 0
        for i, item in enumerate(self.items):
            detail_w = detail_font.size(item.detail)[0] + pad if item.detail else 0
            color = self.theme.text if item.enabled else self.theme.disabled
            text = RichText(
                self.shown_spans(i),
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
        view = self.view
        return self._boxes[i].move(view.x, view.y - self.scroll)

    def _keep_visible(self) -> None:
        if not self._boxes:
            return
        box, room = self._boxes[self.selected], self.view.height
        if box.top < self.scroll or box.height > room:
            self.scroll = box.top
        elif box.bottom > self.scroll + room:
            self.scroll = box.bottom - room
        self.scroll = max(0, min(self.max_scroll, self.scroll))

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + dy))

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
        if not self.view.collidepoint(pos):
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
        elif name in ("page_up", "page_down"):
            self._page(1 if name == "page_down" else -1)
        elif name in ("home", "end") and any(it.enabled for it in self.items):
            self.selected = len(self.items) - 1 if name == "home" else 0
            self._move(1 if name == "home" else -1)  # onto the first (last) enabled item
        elif name in ("confirm", "advance"):
            return self._activate(self.selected)
        elif name == "number" and self.numbered:
            return self._activate(intent.value - 1)
        elif name == "motion":
            i = self.hit(intent.pos)
            if i is not None and self.items[i].enabled:
                self.selected = i
        elif name == "click":
            marker = next((k for k, r in self.signs.items() if r.collidepoint(intent.pos)), "")
            if marker:  # the markers scroll by most of a view
                page = max(self.fonts.px(30), self.view.height - self.marker_height)
                self.scroll_by(page if marker == MORE_BELOW else -page)
                return None
            i = self.hit(intent.pos)
            if i is not None:
                return self._activate(i)
        elif name == "wheel" and self.rect.collidepoint(intent.pos):
            self.scroll_by(-intent.value * self.fonts.px(30))
        return None

    def _page(self, step: int) -> None:
        """Bring the next items out of hiding (disabled ones too: they must be readable): the
        first one below the view goes to its top (or, going up, the last one above to its
        bottom); the selection follows onto an item now in view."""
        top, room = self.scroll, self.view.height
        if step > 0:
            below = [i for i, box in enumerate(self._boxes) if box.bottom > top + room]
            if below:
                self.scroll_by(self._boxes[below[0]].top - top)
        else:
            above = [i for i, box in enumerate(self._boxes) if box.top < top]
            if above:
                self.scroll_by(self._boxes[above[-1]].bottom - room - top)
        top = self.scroll
        shown = [
            i
            for i, box in enumerate(self._boxes)
            if self.items[i].enabled and top <= box.top and box.bottom <= top + room
        ]
        if shown and self.selected not in shown:
            self.selected = shown[0] if step > 0 else shown[-1]

    def _activate(self, i: int) -> MenuItem | None:
        if 0 <= i < len(self.items) and self.items[i].enabled:
            self.selected = i
            return self.items[i]
        return None

    def select_key(self, key: str) -> None:
        for i, item in enumerate(self.items):
            if item.key == key:
                self.selected = i
        self._keep_visible()

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self._layout()
        pad, detail_font, view = self._pad, self._detail_font, self.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for i, (item, text) in enumerate(zip(self.items, self._texts, strict=True)):
            box = self._box(i)
            if box.bottom < view.top or box.top > view.bottom:
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
                spot = d.get_rect(midright=(box.right - pad, box.centery))
                surface.blit(d, spot)
                LOG.record(surface, item.detail, detail_font, spot)
        surface.set_clip(clip)
        self.signs = {}
        if self.overflows:
            self._draw_markers(surface, view)

    def _draw_markers(self, surface: pygame.Surface, view: pygame.Rect) -> None:
        """A thin scroll bar, and the "more above / more below" signs where items hide."""
        frac = view.height / self.content_height
        bar_h = max(12, int(view.height * frac))
        top = view.y + int(self.scroll * frac)
        pygame.draw.rect(
            surface, self.theme.accent2, (view.right + 3, top, 3, bar_h), border_radius=2
        )
        height = self.marker_height
        if self.scroll > 0:
            self.signs[MORE_ABOVE] = pygame.Rect(self.rect.x, self.rect.y, self.rect.w, height)
        if self.scroll < self.max_scroll:
            self.signs[MORE_BELOW] = pygame.Rect(self.rect.x, view.bottom, self.rect.w, height)
        draw_signs(surface, self.fonts, self.theme, self.signs)

    # -- description ----------------------------------------------------------------------
    def shown_spans(self, i: int) -> list[Span]:
        """Item `i`'s words as drawn: a disabled one gets a padlock and says why, so it differs
        from the others by shape and words, not only by its dim colour."""
        item = self.items[i]
        spans = parse_inline(self.label_of(i))
        if item.enabled:
            return spans
        return [Span(LOCK_GLYPH, "glyph"), Span(" "), *spans, Span(f" ({item.why})")]

    def label_of(self, i: int) -> str:
        """Item `i` as shown, its number included."""
        return self._prefix(i) + self.items[i].label

    def item_box(self, i: int) -> pygame.Rect:
        """Where item `i` is drawn now (it may lie partly or wholly out of view)."""
        self._layout()
        return self._box(i)

    def describe(self) -> str:
        parts = []
        for i, item in enumerate(self.items):
            mark = ">" if i == self.selected else " "
            state = "" if item.enabled else " (disabled)"
            detail = f" [{item.detail}]" if item.detail else ""
            parts.append(f"{mark}{self._prefix(i)}{item.label}{detail}{state}")
        return "\n".join(parts)
