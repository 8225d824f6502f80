"""The ending screen (title and closing paragraph of the ending reached), then the credits.

Enter, Space or a click moves from the ending to the credits and from the credits back to the
title. An ending too long for the window (big fonts, small window) scrolls with the arrows and
the wheel. The credits roll slowly (or stand still with reduced motion) and list the endings
found so far across all playthroughs. The text sits on a dark plate so it reads over the
skyline in both themes. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.content.scene_models import Ending
from game.text.markup import plain_text
from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.snapshot import Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints, veil
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
        self.offset = 0  # how far a too-long ending is scrolled
        self._overflow = 0
        self._plate: pygame.Surface | None = None

    def enter(self) -> None:
        if self.ctx.session is not None:
            self.ctx.session.ending_shown()

    def handle(self, intent: Intent) -> None:
        step = {"up": -1, "down": 1, "page_up": -6, "page_down": 6, "wheel": -intent.value}
        if intent.name in step:
            scrolled = self.offset + step[intent.name] * self.ctx.fonts.px(30)
            self.offset = max(0, min(self._overflow, scrolled))
            return
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
        return (
            CREDITS
            + f"\n\n**Endings found:** {len(found)}"
            + "".join(f"\n{e.replace('_', ' ')}" for e in found)
        )

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
                self._texts.append(
                    RichText(
                        para.removeprefix("# "),
                        fonts,
                        theme,
                        width,
                        align="center",
                        base=34 if heading else 21,
                        role="heading" if heading else "body",
                        color=theme.accent if heading else theme.text,
                    )
                )
        gap, pad = fonts.px(18), fonts.px(24)
        total = sum(t.height + gap for t in self._texts)
        action = "credits" if self.phase == "ending" else "title screen"
        hints = ctx.hints("ending", next=action)
        room = h - hint_bar_height(fonts, hints, w)  # room for every hint, scrolling or not
        # The credits roll, unless motion is reduced: then they stand and scroll with the keys
        # like the ending (standing at the bottom edge, they would never be seen).
        still = self.phase == "ending" or ctx.settings.reduced_motion
        self._overflow = max(0, total - room + 2 * pad) if still else 0
        self.offset = min(self.offset, self._overflow)
        if self._overflow:
            y = pad - self.offset
        elif still or total < h * 0.8:
            y = (room - total) // 2
        else:  # roll upwards and wrap around
            y = int(h - self.roll % (total + h))
        x = (w - width) // 2
        self._draw_plate(surface, pygame.Rect(x - pad, 0, width + 2 * pad, room))
        old_clip = surface.get_clip()
        surface.set_clip(pygame.Rect(0, 0, w, room))  # text never runs under the key hints
        for text in self._texts:
            text.draw(surface, (x, y))
            y += text.height + gap
        surface.set_clip(old_clip)
        if not self._overflow:  # the paging keys are named only while there is more to see
            hints = [hint for hint in hints if hint[1] != "scroll"]
        key_hints(surface, hints, fonts, theme, wrap=True)

    def _draw_plate(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        if self._plate is None or self._plate.get_size() != rect.size:
            self._plate = pygame.Surface(rect.size, pygame.SRCALPHA)
        self._plate.fill((*self.ctx.theme.bg, 150))
        surface.blit(self._plate, rect)

    def snapshot(self) -> Snapshot:
        body = self._body()
        more = ("page down",) if self.offset < self._overflow else ()
        return self.snap(
            content=tuple(p.removeprefix("# ") for p in body.split("\n\n")),
            say=(plain_text(body.replace("# ", "", 1)),) if self.phase == "ending" else (),
            more=more,
        )

    def describe(self) -> str:
        lines = [
            "screen: ending",
            f"phase: {self.phase}",
            f"ending: {self.ending.id}",
            f"title: {self.ending.title}",
        ]
        return "\n".join(lines)
