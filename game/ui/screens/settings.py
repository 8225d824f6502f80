"""Settings: text speed, font scale, fullscreen, volume, device, high contrast, reduced motion,
skip of unseen text, and the keys (a page of their own). Each change applies at once and is
saved.

Up/Down choose a row, Left/Right (or a click on a row's arrows) change its value, Enter toggles
or steps forward, Esc returns. The line at the bottom explains the chosen row (the setting's
field description); under it, how strongly runs are sandboxed on this machine (a probe of the
kernel, never a silent downgrade). Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from game.logging_setup import where_logs_are
from game.persistence.settings import (
    CODE_ZOOMS,
    FONT_SCALE_MAX,
    FONT_SCALE_MIN,
    TEXT_SPEEDS,
    Settings,
    with_changes,
)
from game.runner.client import sandbox_summary
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.screens.keys import KeysScreen
from game.ui.screens.page import PageScreen, pointed
from game.ui.snapshot import Choice, Snapshot
from game.ui.widgets.draw import label, panel
from game.ui.widgets.richtext import RichText

SPEED_NAMES = {0: "instant", 20: "slow", 40: "normal", 70: "fast", 120: "very fast"}
FONT_STEPS = [
    round(FONT_SCALE_MIN + 0.1 * i, 1)
    for i in range(round((FONT_SCALE_MAX - FONT_SCALE_MIN) / 0.1) + 1)
]
VOLUME_STEPS = [round(0.1 * i, 1) for i in range(11)]


@dataclass(frozen=True)
class Row:
    field: str
    title: str
    values: tuple[Any, ...]

    def show(self, value: Any) -> str:
        if isinstance(value, bool):
            return "on" if value else "off"
        if self.field == "text_speed":
            return f"{SPEED_NAMES.get(value, value)}"
        if self.field in ("font_scale", "volume", "code_zoom"):
            return f"{round(value * 100)}%"
        if self.field == "keys":
            return f"{len(value)} changed" if value else "defaults"
        return str(value)


ROWS = (
    Row("text_speed", "Text speed", TEXT_SPEEDS),
    Row("font_scale", "Font size", tuple(FONT_STEPS)),
    Row("code_zoom", "Code size", CODE_ZOOMS),
    Row("fullscreen", "Fullscreen", (False, True)),
    Row("volume", "Volume", tuple(VOLUME_STEPS)),
    Row("device", "Run code on", ("auto", "cpu", "cuda")),
    Row("high_contrast", "High contrast", (False, True)),
    Row("reduced_motion", "Reduced motion", (False, True)),
    Row("self_voicing", "Self-voicing", (False, True)),
    Row("skip_unseen", "Skip unseen text", (False, True)),
    Row("keys", "Keys", ()),  # a page of its own: Settings > Keys
)


class SettingsScreen(PageScreen):
    name = "settings"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.selected = 0
        self.row_rects: list[tuple[pygame.Rect, pygame.Rect, pygame.Rect]] = []
        self.sandbox = "Sandbox: " + sandbox_summary()
        self.follow = True  # the view follows the chosen row until the player pages on
        # Wake the speech engine off-thread so the Self-voicing row can say at once when no
        # engine can speak here, before the player turns it on and hears nothing.
        ctx.voice.start()

    def _value(self, row: Row) -> Any:
        return getattr(self.ctx.settings, row.field)

    def change(self, row: Row, step: int) -> None:
        if not row.values:
            self.ctx.stack.push(KeysScreen(self.ctx))
            return
        current = self._value(row)
        values = row.values
        # Settings written by hand may hold a value between steps: start from the nearest.
        i = min(range(len(values)), key=lambda k: _distance(values[k], current))
        new = values[(i + step) % len(values)]
        self.ctx.apply_settings(with_changes(self.ctx.settings, **{row.field: new}))

    def on_intent(self, intent: Intent) -> None:
        name = intent.name
        row = ROWS[self.selected]
        if name in ("up", "down", "tab", "tab_back"):
            self.follow = True  # a new choice: keep it in sight
        elif name in ("page_up", "page_down", "home", "end", "wheel"):
            self.follow = False  # reading on: leave the view where the player put it
        if name in ("up", "tab_back"):
            self.selected = (self.selected - 1) % len(ROWS)
        elif name in ("down", "tab"):
            self.selected = (self.selected + 1) % len(ROWS)
        elif name in ("left", "right"):
            self.change(row, -1 if name == "left" else 1)
        elif name in ("confirm", "advance"):
            self.change(row, 1)
        elif (
            name in ("click", "motion")
            and (i := pointed(intent.pos, [whole for whole, _, _ in self.row_rects])) is not None
        ):
            self.selected = i
            if name == "click":
                self.change(ROWS[i], -1 if self.row_rects[i][1].collidepoint(intent.pos) else 1)
        elif name in ("page_up", "page_down", "home", "end"):
            self.scroller.handle(intent)  # reading what lies below the rows; the choice stays
        else:
            self.scroller.handle(intent, keys=False)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        w = surface.get_width()
        pad = fonts.px(16)
        _, body = self.frame(surface, "SETTINGS", pad)
        width = min(body.width, fonts.px(760))
        help_text = RichText(
            self.help_text(), fonts, theme, width - 2 * pad, base=15, color=theme.text_dim
        )
        info = RichText(
            self.info_text(), fonts, theme, width - 2 * pad, base=14, color=theme.text_dim
        )
        font = fonts.get("body", 19)
        row_h = font.get_linesize() + fonts.px(14)
        step = row_h + fonts.px(6)
        # The machine's facts (log folder, sandbox) sit under the last row and scroll with the
        # rows, so big text in a small window never squeezes the rows out of sight.
        below = help_text.height + pad
        area = pygame.Rect((w - width) // 2, body.y, width, max(1, body.height - below))
        content_h = len(ROWS) * step + info.height + pad
        self.scroller.set(area, content_h)
        if self.follow:
            self.scroller.show(self.selected * step, self.selected * step + row_h)
        self.row_rects = []
        arrow_w = font.size("◀")[0] + fonts.px(12)
        with self.scrolled(surface, area, content_h) as y:
            for i, row in enumerate(ROWS):
                chosen = i == self.selected
                rect = pygame.Rect(area.x, y, area.width, row_h)
                panel(
                    surface,
                    rect,
                    theme,
                    alt=chosen,
                    border=theme.accent if chosen else None,
                    width=3 if chosen else 1,
                )
                value = self.shown(row)
                value_w = max(font.size(value)[0], fonts.px(90))
                plus = pygame.Rect(rect.right - arrow_w - pad // 2, rect.y, arrow_w, row_h)
                value_rect = pygame.Rect(plus.x - value_w - pad // 2, rect.y, value_w, row_h)
                minus = pygame.Rect(value_rect.x - arrow_w - pad // 2, rect.y, arrow_w, row_h)
                label(
                    surface,
                    row.title,
                    (rect.x + pad, rect.centery),
                    fonts,
                    theme.text,
                    base=19,
                    anchor="midleft",
                    max_width=minus.x - rect.x - 2 * pad,
                )
                label(surface, "◀", minus.center, fonts, theme.accent2, base=19, anchor="center")
                label(
                    surface,
                    value,
                    value_rect.center,
                    fonts,
                    theme.accent,
                    role="body_bold",
                    base=19,
                    anchor="center",
                )
                label(surface, "▶", plus.center, fonts, theme.accent2, base=19, anchor="center")
                self.row_rects.append((rect, minus, plus))
                y += step
            info.draw(surface, (area.x + pad, y + pad // 2))
        help_text.draw(surface, (area.x + pad, area.bottom + pad // 2))
        self.finish(surface)

    def shown(self, row: Row) -> str:
        """A row's value as the player reads it; self-voicing says when nothing can speak."""
        if row.field == "self_voicing" and not self.ctx.voice.available:
            return "no speech engine"
        return row.show(self._value(row))

    def help_text(self) -> str:
        """The chosen row's explanation (its field description); for self-voicing without
        an engine, also why not and what to do."""
        row = ROWS[self.selected]
        text = Settings.model_fields[row.field].description or ""
        if row.field == "self_voicing" and not self.ctx.voice.available:
            text += f" Not available on this computer: {self.ctx.voice.why}."
        return text

    def info_text(self) -> str:
        """Facts about this machine under the rows: where the session logs are, and how
        strongly runs are sandboxed here."""
        return f"{where_logs_are()}\n\n{self.sandbox}"

    def describe(self) -> str:
        out = ["screen: settings"]
        for i, row in enumerate(ROWS):
            mark = ">" if i == self.selected else " "
            out.append(f"{mark}{row.title}: {self.shown(row)}")
        out.append(where_logs_are())
        out.append(self.sandbox)
        return "\n".join(out)

    def snapshot(self) -> Snapshot:
        choices = tuple(Choice(r.field, f"{r.title}: {self.shown(r)}") for r in ROWS)
        # Down walks the rows; from the last row, Page Down reads what lies below them.
        scroll = self.scroller
        if scroll.max_offset <= 0:
            more: tuple[str, ...] = ()
        elif self.selected < len(ROWS) - 1:
            more = ("down", "page down")
        else:
            more = ("page down",) if scroll.offset < scroll.max_offset else ()
        return self.snap(
            content=("SETTINGS", self.help_text(), self.info_text()),
            choices=choices,
            focus=choices[self.selected].label,
            targets={
                f"row:{r.field}": tuple(rects[0])
                for r, rects in zip(ROWS, self.row_rects, strict=False)
            },
            more=more,
        )


def _distance(a: Any, b: Any) -> float:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b)
    return 0.0 if a == b else 1.0
