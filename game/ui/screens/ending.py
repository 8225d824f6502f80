"""The ending screen (title and closing paragraph of the ending reached), then the credits.

Enter, Space or a click moves from the ending to the credits and from the credits back to the
title. The credits roll slowly (or stand still with reduced motion) and list the endings found
so far across all playthroughs. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.content.scene_models import Ending
from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.stack import Screen
from game.ui.widgets.draw import key_hints, veil
from game.ui.widgets.richtext import RichText
from game.ui.widgets.scanlines import scanlines

CREDITS = """**TORCHENSTEIN**
*The Origin Story of Professor Victor Py Torchenstein*

**Story, puzzles and code**
The Torchenstein team, with the Professor's questionable coffee

**Fonts**
Inter (SIL Open Font License)
JetBrains Mono (SIL Open Font License)

**Built with**
pygame-ce · pydantic · PyYAML · Pygments · PyTorch

**Special thanks**
Backprop, the rubber duck, for listening to the chain rule at 3 a.m.

*PyTorch is the key. Mwahahaha!*"""

ROLL_SPEED = 40.0  # pixels per second


class EndingScreen(Screen):
    name = "ending"
    keeps_session_clock = False

    def __init__(self, ctx: Context, ending: Ending):
        super().__init__(ctx)
        self.ending = ending
        self.phase = "ending"
        self.roll = 0.0
        self._key: tuple[object, ...] = ()
        self._texts: list[RichText] = []

    def enter(self) -> None:
        if self.ctx.session is not None:
            self.ctx.session.wants_autosave = True

    def handle(self, intent: Intent) -> None:
        if intent.name not in ("confirm", "advance", "click", "back"):
            return
        if self.phase == "ending":
            self.phase = "credits"
            self.roll = 0.0
            self._key = ()
        else:
            flow.to_title(self.ctx)

    def update(self, dt: float) -> None:
        if self.phase == "credits" and not self.ctx.settings.reduced_motion:
            self.roll += ROLL_SPEED * dt * self.ctx.fonts.scale

    def _body(self) -> str:
        if self.phase == "ending":
            return f"# {self.ending.title}\n\n{self.ending.text or ''}"
        found = self.ctx.persistent.endings
        return CREDITS + f"\n\n**Endings found:** {len(found)}" + "".join(
            f"\n{e.replace('_', ' ')}" for e in found)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        fonts, theme = ctx.fonts, ctx.theme
        w, h = surface.get_size()
        surface.blit(ctx.art.backdrop("dawn", (w, h)), (0, 0))
        veil(surface, 150)
        scanlines(surface)
        width = min(w - 2 * fonts.px(24), fonts.px(760))
        key = (w, h, fonts.scale, theme.name, self.phase)
        if key != self._key:
            self._key = key
            self._texts = []
            for para in self._body().split("\n\n"):
                heading = para.startswith("# ")
                self._texts.append(RichText(
                    para.removeprefix("# "), fonts, theme, width, align="center",
                    base=34 if heading else 21, role="heading" if heading else "body",
                    color=theme.accent if heading else theme.text))
        gap = fonts.px(18)
        total = sum(t.height + gap for t in self._texts)
        if self.phase == "ending" or total < h * 0.8:
            y = (h - total) // 2
        else:  # roll upwards and wrap around
            y = int(h - self.roll % (total + h))
        x = (w - width) // 2
        for text in self._texts:
            text.draw(surface, (x, y))
            y += text.height + gap
        action = "credits" if self.phase == "ending" else "title screen"
        key_hints(surface, [("Enter", action)], fonts, theme)

    def describe(self) -> str:
        lines = ["screen: ending", f"phase: {self.phase}", f"ending: {self.ending.id}",
                 f"title: {self.ending.title}"]
        return "\n".join(lines)
