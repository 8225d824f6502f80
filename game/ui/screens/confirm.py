"""A yes/no question over the current screen; hands True or False back. Must not import torch."""

from __future__ import annotations

import pygame

from game.text.markup import plain_text
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.snapshot import Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import panel, veil
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts
from game.ui.widgets.richtext import RichText


class ConfirmScreen(Screen):
    name = "confirm"
    opaque = False

    def __init__(
        self, ctx: Context, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No"
    ):
        super().__init__(ctx)
        self.question, self.detail = question, detail
        self.menu = Menu([MenuItem("no", no), MenuItem("yes", yes)], ctx.fonts, ctx.theme, base=20)

    def handle(self, intent: Intent) -> None:
        if intent.name == "back":
            self.close(False)
            return
        if intent.name == "left":
            intent = Intent("up", intent.event)
        elif intent.name == "right":
            intent = Intent("down", intent.event)
        item = self.menu.handle(intent)
        if item is not None:
            self.close(item.key == "yes")

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self.menu.fonts, self.menu.theme = fonts, theme
        veil(surface, 160)
        w, h = surface.get_size()
        width = min(w - fonts.px(40), max(fonts.px(420), w // 2))
        pad = fonts.px(16)
        q = RichText(f"**{self.question}**", fonts, theme, width - 2 * pad, base=20)
        d = RichText(self.detail, fonts, theme, width - 2 * pad, base=16, color=theme.text_dim)
        menu_h = 2 * (fonts.get("body", 20).get_linesize() + fonts.px(16))
        box = pygame.Rect(0, 0, width, q.height + d.height + menu_h + 4 * pad)
        box.center = (w // 2, h // 2)
        panel(surface, box, theme, border=theme.accent, width=3)
        q.draw(surface, (box.x + pad, box.y + pad))
        d.draw(surface, (box.x + pad, box.y + pad + q.height))
        self.menu.set_rect(
            pygame.Rect(box.x + pad, box.bottom - menu_h - pad, width - 2 * pad, menu_h)
        )
        self.menu.draw(surface)

    def snapshot(self) -> Snapshot:
        return self.snap(
            content=(self.question, plain_text(self.detail)),
            say=(f"{self.question} {plain_text(self.detail)}",),
            **menu_parts(self.menu),
        )

    def describe(self) -> str:
        detail = f"{self.detail}\n" if self.detail else ""
        return f"screen: confirm\n{self.question}\n{detail}{self.menu.describe()}"
