"""The developer panel (`torchenstein play --dev`, F10): jump to any scene or node and set or
clear flags, for writers and modders testing a scene without replaying the story.

Type to filter the places; ↑↓ pick one and Enter jumps there (from the title screen it starts
a test playthrough there, which saves apart from the player's saves). Typing `+flag` or
`-flag` and Enter sets or clears a flag. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.story.engine import StoryError
from game.story.warp import all_places, jump
from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.screens.page import PageScreen
from game.ui.widgets.draw import label

SHOWN = 14


class DevScreen(PageScreen):
    name = "dev"
    close_on = ("back",)

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.query = ""
        self.selected = 0
        self.places = all_places(ctx.content.library)

    # -- state ----------------------------------------------------------------------------
    def matches(self) -> list[str]:
        words = self.query.lower().split()
        return [p for p in self.places if all(w in p for w in words)]

    def status(self) -> list[str]:
        session = self.ctx.session
        if session is None:
            return ["no playthrough: Enter starts a test playthrough at the chosen place"]
        state = session.state
        solved = sorted(pid for pid, p in state.puzzles.items() if p.solved)
        return [
            f"place: {state.scene}:{state.node}",
            f"flags: {', '.join(state.flags) or '(none)'}",
            f"solved: {', '.join(solved) or '(none)'}",
        ]

    # -- input ----------------------------------------------------------------------------
    def on_intent(self, intent: Intent) -> None:
        if intent.name == "text":
            self.query += intent.event.text
            self.selected = 0
        elif intent.name == "erase":
            self.query = self.query[:-1]
            self.selected = 0
        elif intent.name in ("up", "down"):
            step = -1 if intent.name == "up" else 1
            self.selected = max(0, min(len(self.matches()) - 1, self.selected + step))
        elif intent.name == "confirm":
            self._confirm()

    def _confirm(self) -> None:
        query = self.query.strip()
        session = self.ctx.session
        if query[:1] in ("+", "-") and len(query) > 1:
            if session is None:
                self.ctx.notify("Start a playthrough first, then set flags.", "error")
                return
            flag, flags = query[1:].strip(), session.state.flags
            if query[0] == "+" and flag not in flags:
                flags.append(flag)
            elif query[0] == "-" and flag in flags:
                flags.remove(flag)
            session.step_done()
            self.query = ""
            self._refresh_story()
            return
        found = self.matches()
        if not found:
            self.ctx.notify(f"No place matches `{query}`.", "error")
            return
        target = found[min(self.selected, len(found) - 1)]
        if session is None:
            self.close()
            flow.start_at(self.ctx, target)
            return
        try:
            jump(session.story, target)
        except StoryError as exc:
            self.ctx.notify(str(exc), "error")
            return
        session.step_done()
        self.close()
        self._refresh_story()

    def _refresh_story(self) -> None:
        """Redraw the story under the panel from the changed state."""
        from game.ui.screens.scene import SceneScreen

        if self.ctx.session is not None:
            top_is_me = self.ctx.stack.top is self
            self.ctx.stack.reset(SceneScreen(self.ctx))
            if top_is_me:
                self.ctx.stack.push(self)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(16)
        _, body = self.frame(surface, "DEVELOPER PANEL", pad)
        y = body.y
        for line in [*self.status(), f"> {self.query}_"]:
            rect = label(surface, line, (body.x, y), fonts, theme.text, base=17)
            y = rect.bottom + fonts.px(4)
        y += pad // 2
        found = self.matches()
        start = max(0, self.selected - SHOWN + 1)
        for i, place in enumerate(found[start : start + SHOWN], start):
            color = theme.accent if i == self.selected else theme.text_dim
            rect = label(surface, place, (body.x + pad, y), fonts, color, role="mono", base=16)
            y = rect.bottom + fonts.px(2)
        self.finish(
            surface,
            [
                ("type", "filter"),
                ("↑↓", "choose"),
                ("Enter", "jump / +flag / -flag"),
                ("Esc", "back"),
            ],
        )

    def describe(self) -> str:
        found = self.matches()
        rows = [("> " if i == self.selected else "  ") + p for i, p in enumerate(found[:SHOWN])]
        return "\n".join(["screen: dev", *self.status(), f"query: {self.query}", *rows])
