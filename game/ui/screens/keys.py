"""Settings > Keys: the game's commands from the key table with the keys they are on now.
Enter (or a click) on one waits for the new key: a function key, a chord with Ctrl or Alt, or
a bare letter for the dialogue's commands; Esc cancels the wait. Backspace puts the chosen
command back on its default keys; the last row puts them all back. Each change is saved with
the settings and applies at once.
"""

from __future__ import annotations

import pygame

from game.persistence.settings import with_changes
from game.ui.context import Context
from game.ui.editor.keys import MODIFIER_KEYS
from game.ui.intents import Intent, chord_of
from game.ui.keymap import BINDINGS, BY_ACTION, can_bind, show_chord
from game.ui.screens.page import PageScreen
from game.ui.snapshot import Snapshot
from game.ui.widgets.draw import label
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts
from game.ui.widgets.textfit import wrap

RESET_ALL = "reset_all"
REMAPPABLE = tuple(b.action for b in BINDINGS if b.remappable)


class KeysScreen(PageScreen):
    name = "keys"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.menu = Menu([], ctx.fonts, ctx.theme, base=18, align="left")
        self.waiting: str | None = None  # the command whose new key is awaited
        self._rebuild()

    def _rebuild(self) -> None:
        keymap = self.ctx.keys.keymap
        items = [
            MenuItem(
                a, _sentence(BY_ACTION[a].label), detail=keymap.shown(BY_ACTION[a], all_keys=True)
            )
            for a in REMAPPABLE
        ]
        self.menu.items = [*items, MenuItem(RESET_ALL, "Put every key back")]

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        if self.waiting is None:
            super().handle(intent)
        elif intent.name == "back":
            self.waiting = None
        elif intent.event.type == pygame.KEYDOWN and intent.event.key not in MODIFIER_KEYS:
            self._bind(self.waiting, chord_of(intent.event))

    def on_intent(self, intent: Intent) -> None:
        item = self.menu.handle(intent)
        if item is not None and item.key == RESET_ALL:
            self._save({})
            self.ctx.notify("Every key is back where it started.", "success")
        elif item is not None:
            self.waiting = item.key
        elif intent.name == "erase" and self.menu.items[self.menu.selected].key != RESET_ALL:
            action = self.menu.items[self.menu.selected].key
            self._save({a: c for a, c in self.ctx.settings.keys.items() if a != action})

    def _bind(self, action: str, chord: str | None) -> None:
        binding = BY_ACTION[action]
        owner = self.ctx.keys.keymap.owner(chord, besides=action) if chord else None
        if chord is None or not can_bind(action, chord):
            shown = show_chord(chord) if chord else "That key"
            self.ctx.notify(
                f"{shown} cannot take a command: use a function key or a chord with Ctrl or Alt.",
                "warning",
            )
        elif owner is not None:
            self.ctx.notify(f"{show_chord(chord)} already does: {owner.label}.", "warning")
        else:
            self._save({**self.ctx.settings.keys, action: chord})
            self.ctx.notify(f"{_sentence(binding.label)}: {show_chord(chord)}.", "success")
        self.waiting = None

    def _save(self, keys: dict[str, str]) -> None:
        self.ctx.apply_settings(with_changes(self.ctx.settings, keys=keys))
        self._rebuild()

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self.menu.fonts, self.menu.theme = fonts, theme
        pad = fonts.px(20)
        _, body = self.frame(surface, "KEYS", pad)
        font = fonts.get("body", 17)
        lines = wrap(font, self.prompt(), body.width)  # the prompt wraps, never cut short
        prompt_h = len(lines) * font.get_linesize()
        self.menu.set_rect(
            pygame.Rect(body.x, body.y, body.width, max(1, body.height - prompt_h - pad))
        )
        self.menu.draw(surface)
        y = body.bottom - prompt_h
        for line in lines:
            color = theme.accent if self.waiting else theme.text_dim
            y = label(surface, line, (body.x, y), fonts, color, base=17).bottom
        self.finish(surface)

    def prompt(self) -> str:
        if self.waiting is not None:
            return f"Press the new key for: {BY_ACTION[self.waiting].label} (Esc keeps the old one)"
        return "Enter changes the chosen command's key; Backspace puts it back."

    def snapshot(self) -> Snapshot:
        return self.snap(content=("KEYS", self.prompt()), **menu_parts(self.menu))

    def describe(self) -> str:
        return f"screen: keys\n{self.menu.describe()}\n{self.prompt()}"


def _sentence(label: str) -> str:
    return label[:1].upper() + label[1:]
