"""The history (backlog): every line seen in this playthrough, newest at the bottom.

Wheel, arrows and PageUp/PageDown scroll; Esc, H or Enter returns. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.text.markup import plain_text
from game.ui.context import Context
from game.ui.screens.page import PageScreen
from game.ui.snapshot import Snapshot
from game.ui.widgets.richtext import RichText

SHOWN = 300  # the newest lines; older ones stay in the save


class HistoryScreen(PageScreen):
    name = "history"
    close_on = ("back", "history", "confirm", "rclick")

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._key: tuple[object, ...] = ()
        self._rows: list[tuple[RichText | None, RichText]] = []
        self._at_end = True

    @property
    def entries(self) -> list:
        return self.ctx.session.state.history[-SHOWN:] if self.ctx.session else []

    def _layout(self, inner: pygame.Rect) -> int:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        key = (inner.size, fonts.scale, theme.name, len(self.entries))
        if key != self._key:
            self._key = key
            self._rows = []
            for entry in self.entries:
                name = (
                    RichText(
                        entry.speaker,
                        fonts,
                        theme,
                        inner.width,
                        base=16,
                        role="body_bold",
                        color=theme.accent,
                    )
                    if entry.speaker
                    else None
                )
                text = RichText(
                    entry.text,
                    fonts,
                    theme,
                    inner.width - fonts.px(16),
                    base=18,
                    role="body" if entry.speaker else "italic",
                )
                self._rows.append((name, text))
        gap = fonts.px(12)
        return sum((n.height if n else 0) + t.height + gap for n, t in self._rows)

    def draw(self, surface: pygame.Surface) -> None:
        fonts = self.ctx.fonts
        pad = fonts.px(20)
        _, box = self.frame(surface, "HISTORY", pad)
        inner = self.panel_inner(surface, box, pad)
        height = self._layout(inner)
        if self._at_end:  # opens at the newest line
            self.scroller.set(inner, height)
            self.scroller.to_end()
            self._at_end = False
        gap = fonts.px(12)
        with self.scrolled(surface, inner, height) as y:
            for name, text in self._rows:
                if name is not None:
                    name.draw(surface, (inner.x, y))
                    y += name.height
                text.draw(surface, (inner.x + fonts.px(16), y))
                y += text.height + gap
        self.finish(surface)

    def snapshot(self) -> Snapshot:
        texts = [t for e in self.entries for t in (e.speaker or "", plain_text(e.text)) if t]
        return self.snap(content=("HISTORY", *texts), more=self.scroller.more_keys())

    def describe(self) -> str:
        out = ["screen: history"]
        for entry in self.entries[-20:]:
            who = entry.speaker or "narrator"
            out.append(f"{who}: {plain_text(entry.text)}")
        return "\n".join(out)
