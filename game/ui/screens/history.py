"""The history (backlog): every line seen in this playthrough, newest at the bottom.

Wheel, arrows and PageUp/PageDown scroll; Esc, H or Enter returns. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.markup import plain_text
from game.ui.stack import Screen
from game.ui.widgets.draw import back_chip, hint_bar_height, key_hints, label, panel
from game.ui.widgets.richtext import RichText
from game.ui.widgets.scroll import Scroller

SHOWN = 300  # the newest lines; older ones stay in the save


class HistoryScreen(Screen):
    name = "history"
    keeps_session_clock = False

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._back = pygame.Rect(0, 0, 0, 0)
        self.scroller = Scroller(ctx)
        self._key: tuple[object, ...] = ()
        self._rows: list[tuple[RichText | None, RichText]] = []
        self._at_end = True

    @property
    def entries(self) -> list:
        return self.ctx.session.state.history[-SHOWN:] if self.ctx.session else []

    def handle(self, intent: Intent) -> None:
        if intent.name == "click" and self._back.collidepoint(intent.pos):
            self.close()
            return
        if intent.name in ("back", "history", "confirm", "rclick"):
            self.close()
            return
        self.scroller.handle(intent)

    def _layout(self, inner: pygame.Rect) -> int:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        key = (inner.size, fonts.scale, theme.name, len(self.entries))
        if key != self._key:
            self._key = key
            self._rows = []
            for entry in self.entries:
                name = (RichText(entry.speaker, fonts, theme, inner.width, base=16,
                                 role="body_bold", color=theme.accent) if entry.speaker else None)
                text = RichText(entry.text, fonts, theme, inner.width - fonts.px(16), base=18,
                                role="body" if entry.speaker else "italic")
                self._rows.append((name, text))
        gap = fonts.px(12)
        return sum((n.height if n else 0) + t.height + gap for n, t in self._rows)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        surface.fill(theme.bg)
        w, h = surface.get_size()
        pad = fonts.px(20)
        title = label(surface, "HISTORY", (pad, pad), fonts, theme.accent, role="heading", base=28)
        box = pygame.Rect(pad, title.bottom + pad // 2, w - 2 * pad,
                          h - title.bottom - pad - hint_bar_height(fonts))
        panel(surface, box, theme)
        inner = box.inflate(-2 * pad, -pad)
        inner.width -= fonts.px(8)
        height = self._layout(inner)
        self.scroller.set(inner, height)
        if self._at_end:
            self.scroller.to_end()
            self._at_end = False
        gap = fonts.px(12)
        with self.scroller.clipped(surface) as y:
            for name, text in self._rows:
                if name is not None:
                    name.draw(surface, (inner.x, y))
                    y += name.height
                text.draw(surface, (inner.x + fonts.px(16), y))
                y += text.height + gap
        self.scroller.draw_bar(surface)
        self._back = back_chip(surface, fonts, theme)
        key_hints(surface, [("↑↓ PgUp PgDn", "scroll"), ("Esc", "back")], fonts, theme)

    def describe(self) -> str:
        out = ["screen: history"]
        for entry in self.entries[-20:]:
            who = entry.speaker or "narrator"
            out.append(f"{who}: {plain_text(entry.text)}")
        return "\n".join(out)
