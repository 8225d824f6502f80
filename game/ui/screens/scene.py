"""The scene screen: backdrop, speaker name and portrait, typewriter text, choices, puzzle gates.

Space, Enter or a click completes the line being typed, then advances. Choices take the mouse,
the arrows or the number keys. S toggles skip (through text read before, in any playthrough,
unless the settings allow unseen text too); holding Ctrl skips while held. H or the wheel opens
the history, M the chapter map, Esc the pause menu. This module handles input and draws; the
story walk, the typewriter and the chrome live in scene_story, scene_typewriter and
scene_chrome. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.text.markup import plain_text
from game.ui.art.palette import hex_rgb
from game.ui.intents import Intent
from game.ui.screens import scene_chrome
from game.ui.screens.scene_typewriter import SceneTypewriter
from game.ui.snapshot import Snapshot
from game.ui.widgets.draw import key_hints, label, panel
from game.ui.widgets.menu_snapshot import menu_parts


class SceneScreen(SceneTypewriter):
    name = "scene"

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        name = intent.name
        if name == "click":  # the corner chips do what their keys do
            chip = scene_chrome.chip_at(self._chips, intent.pos)
            if chip is not None:
                intent = Intent(chip, intent.event)
                name = chip
        if name == "back" or name == "rclick":
            from game.ui.screens.pause import PauseScreen

            self.skipping = False
            self.ctx.stack.push(PauseScreen(self.ctx))
            return
        if name == "history" or (name == "wheel" and intent.value > 0) or name == "page_up":
            from game.ui.screens.history import HistoryScreen

            self.ctx.stack.push(HistoryScreen(self.ctx))
            return
        if name == "map":
            from game.ui.screens.chapters import ChapterMapScreen

            self.ctx.stack.push(ChapterMapScreen(self.ctx))
            return
        if name == "skip":
            self.skipping = not self.skipping
            self.ctx.notify("Skip on." if self.skipping else "Skip off.")
            return
        if self._choices_open() and self.menu is not None:
            if name == "advance" or (name == "click" and self.menu.hit(intent.pos) is None):
                return  # mashing Space or clicking beside the choices never picks one
            item = self.menu.handle(intent)
            if item is not None:
                if item.key == "puzzle":
                    self._open_puzzle()
                else:
                    self._choose(int(item.key))
            return
        if name in ("advance", "confirm", "click", "down") or (
            name == "wheel" and intent.value < 0
        ):
            self.skipping = False if name == "click" else self.skipping
            self._advance()

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, view = self.ctx, self.view
        fonts, theme = ctx.fonts, ctx.theme
        w, h = surface.get_size()
        surface.blit(ctx.art.backdrop(view.background if view else None, (w, h)), (0, 0))
        self._layout((w, h))
        self._ensure_text()
        pad = fonts.px(16)
        self._chips = scene_chrome.draw_chips(surface, fonts, theme)
        self._top = max(r.bottom for r in self._chips.values())
        if view is not None:
            title = scene_chrome.draw_title(
                surface, fonts, theme, view.scene_title, min(r.left for r in self._chips.values())
            )
            self._top = max(self._top, title.bottom)
        panel(surface, self._box, theme, width=2)
        line = self.line
        if line is not None and line.portrait:
            size = self._portrait_size()
            face = ctx.art.portrait(line.portrait, size)
            spot = face.get_rect(topleft=(self._box.x + pad, self._box.y + pad))
            surface.blit(face, spot)
            pygame.draw.rect(surface, theme.border, spot, 2)
        if line is not None and line.speaker:
            color = hex_rgb(line.color, theme.accent)
            if theme.name != "default":
                color = theme.accent
            label(
                surface,
                line.speaker,
                (self._text_rect.x, self._box.y + pad // 2),
                fonts,
                color,
                role="body_bold",
                base=20,
                max_width=self._text_rect.width,
            )
        if self._text is not None:
            self._draw_text(surface)
        if self._choices_open() and self.menu is not None:
            self._draw_menu(surface)
        elif not self.typing and not self.more_pages and line is not None:
            blink = ctx.settings.reduced_motion or int(self.clock * 2) % 2 == 0
            if blink:
                scene_chrome.draw_continue_arrow(surface, theme, self._box, pad)
        key_hints(surface, ctx.hints("scene"), fonts, theme)
        if self.skipping:
            scene_chrome.draw_skip_badge(surface, fonts, theme, self._chips)

    def _draw_menu(self, surface: pygame.Surface) -> None:
        assert self.menu is not None
        fonts = self.ctx.fonts
        self.menu.fonts, self.menu.theme = fonts, self.ctx.theme
        w = surface.get_width()
        menu_w = self._menu_width(w)
        room = self._box.top - self._top - fonts.px(12) * 2  # between the title and the box
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, 0, menu_w, room))
        height = min(self.menu.content_height, room)
        self.menu.set_rect(
            pygame.Rect((w - menu_w) // 2, self._box.top - fonts.px(12) - height, menu_w, height)
        )
        self.menu.draw(surface)

    def snapshot(self) -> Snapshot:
        view, line = self.view, self.line
        if view is None:
            return self.snap()
        content = [view.scene_title]
        say: tuple[str, ...] = ()
        if line is not None:
            # From the page on show to the end: earlier pages were read on the way here.
            text = plain_text(line.text)
            if self.page and self._text is not None:
                text = self._text.text_of_lines(
                    self.page * self.per_page, len(self._text.line_widths)
                )
            content += [line.speaker or "", text]
            spoken = plain_text(line.text)
            say = (f"{line.speaker}: {spoken}" if line.speaker else spoken,)
        parts = menu_parts(self.menu) if self._choices_open() and self.menu is not None else {}
        chips = {f"chip:{key}": (*r.topleft, *r.size) for key, r in self._chips.items()}
        parts["targets"] = {**chips, **parts.get("targets", {})}
        if self.typing or self.more_pages:
            parts["more"] = ("space",)
        return self.snap(content=tuple(c for c in content if c), say=say, **parts)

    def describe(self) -> str:
        view = self.view
        if view is None:
            return "screen: scene (no view)"
        line = self.line
        out = [
            "screen: scene",
            f"scene: {view.scene_id} node: {view.node_id} title: {view.scene_title}",
        ]
        if line is not None:
            out.append(f"speaker: {line.speaker or 'narrator'}")
            state = "typing" if self.typing else "complete"
            page = f" page {self.page + 1}/{self.page_count}" if self.page_count > 1 else ""
            out.append(
                f"line {self.line_index + 1}/{len(view.lines)} [{state}]{page}: "
                f"{plain_text(line.text)}"
            )
        if self._choices_open() and self.menu is not None:
            out.append("choices:")
            out.append(self.menu.describe())
        if view.puzzle:
            out.append(f"puzzle: {view.puzzle}")
        if view.ending:
            out.append(f"ending: {view.ending.id}")
        if self.skipping:
            out.append("skipping")
        return "\n".join(out)
