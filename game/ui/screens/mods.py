"""The Mods screen: every mod found (the user's mods folder and `--mod` paths) with its
version, whether it is on, and the exact problems that keep a broken one off. Enter switches
the chosen mod on or off (remembered in the settings; the content loads again); a mod new in
the mods folder shows as "new" and runs only once switched on here (`mod_trust`).
Must not import torch.
"""

from __future__ import annotations

import pygame

from game.content.mod_trust import trust_mod
from game.logging_setup import where_logs_are
from game.persistence.paths import mods_dir
from game.persistence.settings import with_changes
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.screens.page import PageScreen
from game.ui.snapshot import Snapshot
from game.ui.widgets.markdown_view import MarkdownView
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts


class ModsScreen(PageScreen):
    name = "mods"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.menu = Menu([], ctx.fonts, ctx.theme, base=18, align="left")
        self._details: MarkdownView | None = None
        self._key: tuple[object, ...] = ()
        self._rebuild()

    def _rebuild(self) -> None:
        self.ctx.content.wait()
        disabled = set(self.ctx.settings.disabled_mods)
        items = []
        for mod in self.ctx.content.mods:
            if mod.enabled:
                state = "on"
            elif any(p.code == "mod-untrusted" for p in mod.problems):
                state = "new"
            elif mod.id in disabled:
                state = "off"
            else:
                state = "broken"
            items.append(MenuItem(mod.id, f"{mod.title}  v{mod.version}", detail=state))
        selected = self.menu.selected
        self.menu.items = items
        self.menu.selected = min(selected, max(0, len(items) - 1))
        self._key = ()

    def _toggle(self, mod_id: str) -> None:
        mod = next((m for m in self.ctx.content.mods if m.id == mod_id), None)
        new = mod is not None and any(p.code == "mod-untrusted" for p in mod.problems)
        disabled = list(self.ctx.settings.disabled_mods)
        if new and mod is not None:
            trust_mod(mod.path)  # the player's explicit choice lets a new mod's code run
            disabled = [d for d in disabled if d != mod_id]
        elif mod_id in disabled:
            disabled.remove(mod_id)
        else:
            disabled.append(mod_id)
        self.ctx.apply_settings(with_changes(self.ctx.settings, disabled_mods=disabled))
        self.ctx.content.restart(disabled)
        self._rebuild()
        self.ctx.notify("Mods changed: the content was loaded again.", "success")

    def details(self) -> str:
        mods = self.ctx.content.mods
        if not mods:
            return (
                f"No mods found yet. Put a mod folder in `{mods_dir()}` or start the game "
                "with `torchenstein play --mod PATH`. `torchenstein new-mod NAME` makes a "
                "working one to start from; `torchenstein lint PATH` says exactly what is "
                f"wrong with a mod.\n\n{where_logs_are()}"
            )
        mod = mods[self.menu.selected]
        parts = [f"## {mod.title}", f"`{mod.id}` v{mod.version} — `{mod.path}`"]
        if mod.author:
            parts.append(f"by {mod.author}")
        if mod.description:
            parts.append(mod.description)
        if mod.path.resolve() in self.ctx.content.checking:
            parts.append(
                "Its puzzles are being run in the background, to be sure none can trap a player."
            )
        if mod.problems:
            parts.append("### Problems")
            parts += [f"- {d.render()}" for d in mod.problems[:30]]
        parts.append(where_logs_are())
        return "\n\n".join(parts)

    def on_intent(self, intent: Intent) -> None:
        before = self.menu.selected
        item = self.menu.handle(intent)
        if item is not None:
            self._toggle(item.key)
        elif self.menu.selected != before:
            self._key = ()
        else:  # the keys scroll the details unless the list itself needs them
            self.scroller.handle(intent, keys=not self.menu.overflows)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self.menu.fonts, self.menu.theme = fonts, theme
        pad = fonts.px(20)
        _, body = self.frame(surface, "MODS", pad)
        list_w = body.width * 2 // 5 if self.menu.items else 0
        if self.menu.items:
            self.menu.set_rect(pygame.Rect(body.x, body.y, list_w - pad, body.height))
            self.menu.draw(surface)
        box = pygame.Rect(body.x + list_w, body.y, body.width - list_w, body.height)
        inner = self.panel_inner(surface, box, pad)
        key = (inner.size, fonts.scale, theme.name, self.menu.selected)
        if key != self._key or self._details is None:
            self._key = key
            self._details = MarkdownView(self.details(), fonts, theme, inner.width)
        with self.scrolled(surface, inner, self._details.height) as y:
            self._details.draw(surface, (inner.x, y))
        self.finish(surface)

    def snapshot(self) -> Snapshot:
        parts = menu_parts(self.menu)
        parts["more"] = parts["more"] or self.scroller.more_keys()
        return self.snap(content=("MODS", self.details()), **parts)

    def describe(self) -> str:
        return "screen: mods\n" + (self.menu.describe() or "(no mods)") + "\n" + self.details()
