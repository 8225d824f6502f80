"""A modal message box: a title, wrapped paragraphs (scrolling when long) and an OK button.

Used for recovered saves, content errors and anything the player must read. Must not import
torch.
"""

from __future__ import annotations

import pygame

from game.text.markup import plain_text
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.snapshot import Choice, Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints, label, panel, veil
from game.ui.widgets.richtext import RichText
from game.ui.widgets.scroll import Scroller
from game.ui.widgets.textfit import wrap


class MessageScreen(Screen):
    name = "message"
    opaque = False

    def __init__(self, ctx: Context, title: str, lines: list[str], *, kind: str = "info"):
        super().__init__(ctx)
        self.title, self.lines, self.kind = title, lines, kind
        self.scroller = Scroller(ctx)
        self._key: tuple[object, ...] = ()
        self._texts: list[RichText] = []
        self._title_lines: list[str] = []
        self._box = pygame.Rect(0, 0, 0, 0)
        self._ok = pygame.Rect(0, 0, 0, 0)

    def _layout(self, size: tuple[int, int]) -> None:
        key = (size, self.ctx.fonts.scale, self.ctx.theme.name)
        if key == self._key:
            return
        self._key = key
        fonts, theme = self.ctx.fonts, self.ctx.theme
        w = min(size[0] - 2 * fonts.px(20), max(480, size[0] * 3 // 5))
        pad = fonts.px(18)
        inner = w - 2 * pad
        self._texts = [RichText(t, fonts, theme, inner, base=18) for t in self.lines]
        content_h = sum(t.height + fonts.px(8) for t in self._texts)
        heading = fonts.get("heading", 24)
        self._title_lines = wrap(heading, self.title, inner)  # a long title wraps, never cut
        head = len(self._title_lines) * heading.get_linesize() + pad
        button_h = fonts.get("body_bold", 18).get_linesize() + fonts.px(12)
        # Room for the whole hint bar, so the keys stay in sight whether or not the text scrolls.
        room = size[1] - hint_bar_height(fonts, self.ctx.hints("message"), size[0])
        h = min(room - 2 * fonts.px(16), head + content_h + button_h + 3 * pad)
        self._box = pygame.Rect(0, 0, w, h)
        self._box.center = (size[0] // 2, room // 2)
        view = pygame.Rect(
            self._box.x + pad, self._box.y + head + pad // 2, inner, h - head - button_h - 2 * pad
        )
        self.scroller.set(view, content_h)
        self._ok = pygame.Rect(0, 0, fonts.px(120), button_h)
        self._ok.midbottom = (self._box.centerx, self._box.bottom - pad // 2)

    def handle(self, intent: Intent) -> None:
        if intent.name in ("confirm", "advance", "back") or (
            intent.name == "click" and self._ok.collidepoint(intent.pos)
        ):
            self.close()
        else:
            self.scroller.handle(intent)

    def draw(self, surface: pygame.Surface) -> None:
        self._layout(surface.get_size())
        fonts, theme = self.ctx.fonts, self.ctx.theme
        veil(surface, 150)
        edge = theme.error if self.kind == "error" else theme.accent
        panel(surface, self._box, theme, border=edge, width=3)
        pad = fonts.px(18)
        y = self._box.y + pad * 2 // 3
        for line in self._title_lines:
            spot = (self._box.x + pad, y)
            y = label(surface, line, spot, fonts, edge, role="heading", base=24).bottom
        with self.scroller.clipped(surface) as y:
            for text in self._texts:
                text.draw(surface, (self.scroller.view.x, y))
                y += text.height + fonts.px(8)
        self.scroller.draw_bar(surface)
        key_hints(surface, self.hints(), fonts, theme, wrap=True)
        pygame.draw.rect(surface, theme.accent, self._ok, border_radius=8)
        label(
            surface,
            "OK",
            self._ok.center,
            fonts,
            theme.bg,
            role="body_bold",
            base=18,
            anchor="center",
        )

    def hints(self) -> list[tuple[str, str]]:
        """Enter closes; the paging keys are named when the text scrolls."""
        hints = self.ctx.hints("message")
        return hints if self.scroller.max_offset > 0 else [h for h in hints if h[1] != "scroll"]

    def snapshot(self) -> Snapshot:
        texts = tuple(plain_text(t) for t in self.lines)
        return self.snap(
            content=(self.title, *texts),
            say=(" ".join((self.title, *texts)),),
            choices=(Choice("ok", "OK"),),
            focus="OK",
            targets={"ok": (*self._ok.topleft, *self._ok.size)},
            more=self.scroller.more_keys(),
        )

    def describe(self) -> str:
        return "\n".join(["screen: message", f"title: {self.title}", *self.lines, "[OK]"])
