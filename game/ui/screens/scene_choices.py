"""SceneChoices: what the player picks at the end of a node, the story's choices or the prompt
that opens the lab terminal, as a menu above the dialogue box. It owns the menu and when it
may open: after the last line is shown whole, and for a line too tall for the smaller box the
choices leave, only after one more Space (the line is read whole first). Mashing Space or
clicking beside the choices never picks one. Must not import torch.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.story.engine import StoryView
from game.ui.fonts import Fonts
from game.ui.intents import Intent
from game.ui.screens.scene_box import menu_width
from game.ui.theme import Theme
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.menu_snapshot import menu_parts

PUZZLE = "puzzle"  # the item that opens the lab terminal; story choices are keyed by index


class SceneChoices:
    def __init__(self) -> None:
        self.menu: Menu | None = None
        self.fits_small = True  # the last line fits the box that choices leave
        self.read_through = False  # Space pressed on the last page of a line too tall for it
        self.opened = False  # shown for this node: they stay while the line pages beside them

    def clear(self) -> None:
        """A new node: nothing to pick until its lines are read."""
        self.menu = None
        self.read_through = False
        self.opened = False

    def build(self, view: StoryView, fonts: Fonts, theme: Theme) -> None:
        if view.choices:
            items = [MenuItem(str(c.index), c.text, enabled=c.enabled) for c in view.choices]
            self.menu = Menu(items, fonts, theme, base=20, numbered=True, align="left")
        elif view.puzzle:
            prompt = view.puzzle_prompt or "Open the lab terminal"
            self.menu = Menu([MenuItem(PUZZLE, prompt, detail="Enter")], fonts, theme, base=20)
        else:
            self.menu = None

    def is_open(self, line_done: bool) -> bool:
        """Whether the choices show, given that the node's last line is shown whole. Once
        shown they stay for the node: the line beside them pages round (see Typewriter.rewind)
        without taking them away."""
        if self.menu is not None and line_done and (self.fits_small or self.read_through):
            self.opened = True
        return self.menu is not None and self.opened

    def read_whole(self) -> None:
        """Space on a line too tall to share the screen with the choices: bring them now."""
        self.read_through = True

    def least_height(self, width: int) -> int:
        """The least room the choices need at `width` (the menu takes that width now)."""
        assert self.menu is not None
        rect = self.menu.rect  # only the width matters here; the height stays as drawn
        self.menu.set_rect(pygame.Rect(rect.x, rect.y, width, rect.height))
        return self.menu.least_height()

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> MenuItem | None:
        """The item an open menu's intent picks, if any."""
        assert self.menu is not None
        if intent.name == "advance" or (
            intent.name == "click" and self.menu.hit(intent.pos) is None
        ):
            return None
        return self.menu.handle(intent)

    # -- drawing and describing -------------------------------------------------------------
    def draw(
        self, surface: pygame.Surface, fonts: Fonts, theme: Theme, *, top: int, bottom: int
    ) -> None:
        """The open menu, centred, rising from just above `bottom` (the dialogue box) and
        never above `top` (the title and chips); a long one scrolls."""
        assert self.menu is not None
        self.menu.fonts, self.menu.theme = fonts, theme
        w = surface.get_width()
        menu_w = menu_width(fonts, w)
        gap = fonts.px(12)
        room = bottom - top - gap * 2
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, 0, menu_w, room))
        height = min(self.menu.content_height, room)
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, bottom - gap - height, menu_w, height))
        self.menu.draw(surface)

    def snapshot_parts(self) -> dict[str, Any]:
        """The open menu's choices, focus, targets and scroll keys for the screen's snapshot."""
        assert self.menu is not None
        return menu_parts(self.menu)

    def describe(self) -> list[str]:
        assert self.menu is not None
        return ["choices:", self.menu.describe()]
