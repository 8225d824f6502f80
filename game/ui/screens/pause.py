"""The pause menu (Esc during play): resume, save, load, history, chapter map, settings,
title, quit. It keeps a picture of the game under it for save thumbnails. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.snapshot import Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints, label, veil
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts


class PauseScreen(Screen):
    name = "pause"
    opaque = False
    keeps_session_clock = False

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.thumbnail: bytes | None = None
        writable = ctx.saves.writable
        self.menu = Menu(
            [
                MenuItem("resume", "Resume", detail="Esc"),
                MenuItem(
                    "save", "Save game", enabled=writable, why="another window holds the saves"
                ),
                MenuItem("load", "Load game"),
                MenuItem("history", "History", detail="H"),
                MenuItem("map", "Chapter map", detail="M"),
                MenuItem("notebook", "Lab notebook"),
                MenuItem("settings", "Settings"),
                MenuItem("title", "Title screen"),
                MenuItem("quit", "Quit"),
            ],
            ctx.fonts,
            ctx.theme,
            base=22,
        )

    def enter(self) -> None:
        self.thumbnail = self.ctx.thumbnail_png()  # the game as it was, not this menu

    def handle(self, intent: Intent) -> None:
        if intent.name in ("back", "rclick"):
            self.close()
            return
        shortcut = {"history": "history", "map": "map"}.get(intent.name)
        item = self.menu.handle(intent)
        key = shortcut or (item.key if item else None)
        if key is None:
            return
        ctx = self.ctx
        ctx.sound.play("select")
        if key == "resume":
            self.close()
        elif key in ("save", "load"):
            from game.ui.screens.saves import SavesScreen

            ctx.stack.push(SavesScreen(ctx, mode=key, thumbnail=self.thumbnail))
        elif key == "history":
            from game.ui.screens.history import HistoryScreen

            ctx.stack.push(HistoryScreen(ctx))
        elif key == "map":
            from game.ui.screens.chapters import ChapterMapScreen

            ctx.stack.push(ChapterMapScreen(ctx))
        elif key == "notebook":
            from game.ui.screens.notebook import NotebookScreen

            ctx.stack.push(NotebookScreen(ctx))
        elif key == "settings":
            from game.ui.screens.settings import SettingsScreen

            ctx.stack.push(SettingsScreen(ctx))
        elif key == "title":
            flow.to_title(ctx)
        elif key == "quit":
            ctx.request_quit()

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self.menu.fonts, self.menu.theme = fonts, theme
        veil(surface, 190)
        w, h = surface.get_size()
        pad = fonts.px(20)
        base = 36 if h > 720 else 26
        top = min(pad * 2, h // 16)
        # A solid band under the heading: the story's corner chips beneath the veil would
        # otherwise show through the letters at large text sizes.
        band = top + fonts.get("heading", base).get_linesize() + pad // 2
        surface.fill(theme.bg, (0, 0, w, band))
        title = label(
            surface,
            "PAUSED",
            (w // 2, top),
            fonts,
            theme.accent,
            role="heading",
            base=base,
            anchor="midtop",
        )
        menu_w = min(w - 2 * pad, max(fonts.px(320), w // 3))
        top = title.bottom + pad
        hints = self.ctx.hints("pause")
        hint_h = hint_bar_height(fonts, hints, w)
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, top, menu_w, h - top - hint_h - pad))
        self.menu.draw(surface)
        key_hints(surface, hints, fonts, theme, wrap=True)

    def describe(self) -> str:
        return "screen: pause\n" + self.menu.describe()

    def snapshot(self) -> Snapshot:
        return self.snap(content=("PAUSED",), **menu_parts(self.menu))
