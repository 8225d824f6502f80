"""The developer panel (`torchenstein play --dev`, F10): jump to any scene or node and set or
clear flags, for writers and modders testing a scene without replaying the story.

Type to filter the places; ↑↓ (PgUp/PgDn a window at a time, Home/End) pick one and Enter jumps there (from the title screen it starts
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
from game.ui.snapshot import Choice, Snapshot
from game.ui.widgets.draw import Hint, label
from game.ui.widgets.textfit import wrap


class DevScreen(PageScreen):
    name = "dev"
    close_on = ("back",)

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.query = ""
        self.selected = 0
        self.places = all_places(ctx.content.library)
        self.shown = 1  # how many places fit under the status (the window PgUp/PgDn move by)
        self.first = 0  # the first place in view

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
        elif intent.name in ("up", "down", "page_up", "page_down", "home", "end"):
            last = len(self.matches()) - 1
            page = self.shown
            to = {
                "up": -1,
                "down": 1,
                "page_up": -page,
                "page_down": page,
                "home": -last,
                "end": last,
            }
            self.selected = max(0, min(last, self.selected + to[intent.name]))
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
    def hint_list(self) -> list[Hint]:
        return [("type", "filter"), *self.ctx.hints("dev")]

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(16)
        _, body = self.frame(surface, "DEVELOPER PANEL", pad)
        y = body.y
        font = fonts.get("body", 17)
        for line in [*self.status(), f"> {self.query}_"]:
            for part in wrap(font, line, body.width):  # a long list of flags wraps
                rect = label(surface, part, (body.x, y), fonts, theme.text, base=17)
                y = rect.bottom + fonts.px(4)
        y += pad // 2
        found = self.matches()
        row_h = fonts.get("mono", 16).get_linesize() + fonts.px(2)
        self.shown = max(1, (body.bottom - y) // row_h)
        # The window follows the choice, moving only as far as it must.
        self.first = min(max(self.first, self.selected - self.shown + 1), self.selected)
        self.first = max(0, min(self.first, len(found) - self.shown))
        for i, place in enumerate(found[self.first : self.first + self.shown], self.first):
            color = theme.accent if i == self.selected else theme.text_dim
            mark = "▶ " if i == self.selected else "  "  # the choice is not told by colour alone
            label(surface, mark + place, (body.x, y), fonts, color, role="mono", base=16)
            y += row_h
        self.finish(surface)

    def snapshot(self) -> Snapshot:
        found = self.matches()
        choices = tuple(Choice(p, p) for p in found)
        below = self.first + self.shown < len(found)
        return self.snap(
            content=("DEVELOPER PANEL", *self.status(), f"> {self.query}_", *found),
            choices=choices,
            focus=found[self.selected] if found else None,
            more=("page down",) if below else ("page up",) if self.first > 0 else (),
        )

    def describe(self) -> str:
        found = self.matches()
        rows = [("> " if i == self.selected else "  ") + p for i, p in enumerate(found)]
        return "\n".join(["screen: dev", *self.status(), f"query: {self.query}", *rows])
