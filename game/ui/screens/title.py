"""The title screen: New game, Continue, Load, Mods, Settings, Quit, over the lab at night.

It draws on the very first frame, before the content has loaded (that happens in the
background), so the window shows something within a fraction of a second. Must not import torch.
"""

from __future__ import annotations

import math

import pygame

from game import __version__
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.snapshot import Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints, label, veil
from game.ui.widgets.ink import LOG
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts
from game.ui.widgets.richtext import RichText
from game.ui.widgets.scanlines import scanlines
from game.ui.widgets.textfit import text_surface

SUBTITLE = "The Origin Story of Professor Victor Py Torchenstein"


NO_SAVE = "no save yet"


class TitleScreen(Screen):
    name = "title"
    keeps_session_clock = False

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.menu = Menu(self._items(), ctx.fonts, ctx.theme, base=24)
        self.clock = 0.0

    def _items(self) -> list[MenuItem]:
        has_save = self.ctx.saves.latest() is not None
        return [
            MenuItem("new", "New game"),
            MenuItem("continue", "Continue", enabled=has_save, why=NO_SAVE),
            MenuItem("load", "Load", enabled=has_save, why=NO_SAVE),
            MenuItem("mods", "Mods"),
            MenuItem("settings", "Settings"),
            MenuItem("quit", "Quit"),
        ]

    def enter(self) -> None:
        if self.ctx.saves.latest() is not None:
            self.menu.select_key("continue")

    def resume(self) -> None:
        selected = self.menu.items[self.menu.selected].key
        self.menu.items = self._items()
        self.menu.select_key(selected)

    def handle(self, intent: Intent) -> None:
        if intent.name == "back":
            return  # Esc on the title does nothing; Quit is one item away
        item = self.menu.handle(intent)
        if item is None:
            return
        from game.ui import flow

        self.ctx.sound.play("select")
        if item.key == "new":
            self._new_game()
        elif item.key == "continue":
            flow.continue_game(self.ctx)
        elif item.key == "load":
            from game.ui.screens.saves import SavesScreen

            self.ctx.stack.push(SavesScreen(self.ctx, mode="load"))
        elif item.key == "mods":
            from game.ui.screens.mods import ModsScreen

            self.ctx.stack.push(ModsScreen(self.ctx))
        elif item.key == "settings":
            from game.ui.screens.settings import SettingsScreen

            self.ctx.stack.push(SettingsScreen(self.ctx))
        elif item.key == "quit":
            self.ctx.request_quit()

    def _new_game(self) -> None:
        from game.persistence.saves import AUTO
        from game.ui import flow
        from game.ui.screens.confirm import ConfirmScreen

        if self.ctx.saves.peek(AUTO).empty or not self.ctx.saves.writable:
            flow.start_new_game(self.ctx)
            return

        def confirmed(yes: bool) -> None:
            if yes:
                flow.start_new_game(self.ctx)

        self.ctx.stack.push(
            ConfirmScreen(
                self.ctx,
                "Start a new game?",
                "The autosave will follow the new story from now on; your manual "
                "saves and the quicksave stay as they are.",
            ),
            then=confirmed,
        )

    def update(self, dt: float) -> None:
        self.clock += dt

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        fonts, theme = ctx.fonts, ctx.theme
        self.menu.fonts, self.menu.theme = fonts, theme
        w, h = surface.get_size()
        surface.blit(ctx.art.backdrop("lab", (w, h)), (0, 0))
        veil(surface, 120 if theme.name == "default" else 200)
        scanlines(surface)
        pad = fonts.px(24)
        # The title, with a cyan ghost behind the orange like a CRT out of alignment.
        base = 64
        title_font = fonts.get("heading", base)
        while (
            title_font.size("TORCHENSTEIN")[0] > w - 2 * pad or title_font.get_height() > h * 0.1
        ) and base > 16:
            base -= 4  # shrink to fit narrow windows at large font scales
            title_font = fonts.get("heading", base)
        wobble = 0 if ctx.settings.reduced_motion else int(2 * math.sin(self.clock * 3))
        ghost = text_surface(title_font, "TORCHENSTEIN", theme.accent2)
        text = text_surface(title_font, "TORCHENSTEIN", theme.accent)
        top = max(pad // 2, h // 20)
        surface.blit(ghost, ghost.get_rect(midtop=(w // 2 + 3 + wobble, top + 2)))
        rect = surface.blit(text, text.get_rect(midtop=(w // 2, top)))
        LOG.record(surface, "TORCHENSTEIN", title_font, rect)
        # The subtitle wraps rather than losing words at large sizes.
        sub = RichText(SUBTITLE, fonts, theme, w - 2 * pad, base=18, role="italic", align="center")
        sub_rect = pygame.Rect(pad, rect.bottom + fonts.px(6), w - 2 * pad, sub.height)
        sub.draw(surface, sub_rect.topleft)
        portrait = min(h // 4, w // 6)
        menu_w = min(w - 2 * pad, max(fonts.px(300), w // 3))
        menu_top = sub_rect.bottom + pad
        hints = ctx.hints("title")
        hint_h = hint_bar_height(fonts, hints, w)
        menu_h = h - menu_top - hint_h - pad
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, menu_top, menu_w, menu_h))
        self.menu.draw(surface)
        if w - (w + menu_w) // 2 > portrait + 2 * pad:
            face = ctx.art.portrait("professor", portrait)
            spot = face.get_rect(bottomright=(w - pad, h - hint_h - pad))
            pygame.draw.rect(surface, theme.accent, spot.inflate(6, 6), 3, border_radius=4)
            surface.blit(face, spot)
        key_hints(surface, hints, fonts, theme, wrap=True)
        label(
            surface,
            f"v{__version__}",
            (w - pad // 2, pad // 3),  # the top corner: the hint bar may fill the bottom row
            fonts,
            theme.text_dim,
            base=13,
            anchor="topright",
        )

    def describe(self) -> str:
        return "screen: title\n" + self.menu.describe()

    def snapshot(self) -> Snapshot:
        return self.snap(
            content=("TORCHENSTEIN", SUBTITLE),
            **menu_parts(self.menu),
        )
