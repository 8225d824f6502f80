"""DialogueBox: the scene screen's dialogue box. It owns where the box, the speaker's portrait
and the text area lie, and draws the box with the portrait and the speaker's name (the line's
text is the typewriter's). The box keeps room for four lines of text (more of the screen at
large text: reading comes before the backdrop), less while choices show above it, leaving them
room for one whole choice; the screen hands in what the box must make room for. Must not
import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.story.engine import ShownLine
from game.ui.art import Art
from game.ui.art.palette import hex_rgb
from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.draw import label, panel


def line_height(fonts: Fonts) -> int:
    return int(fonts.get("body", 22).get_linesize() * 1.2)


def name_height(fonts: Fonts) -> int:
    """The speaker's name above the text."""
    return fonts.get("body_bold", 20).get_linesize()


def menu_width(fonts: Fonts, w: int) -> int:
    """How wide the choices are in a window `w` pixels wide."""
    return min(w - 2 * fonts.px(24), max(fonts.px(420), w * 3 // 5))


def box_height(
    fonts: Fonts,
    size: tuple[int, int],
    *,
    asks: bool,
    top: int,
    least_menu: Callable[[int], int] | None,
    hint_h: int,
) -> int:
    """The box's height in a window of `size` over a hint bar `hint_h` pixels tall; `asks`:
    choices show above it, needing at least `least_menu(width)` pixels between the box and
    `top` (the title and chips)."""
    w, h = size
    pad, line_h, name_h = fonts.px(16), line_height(fonts), name_height(fonts)
    box_h = name_h + (3 if asks else 4) * line_h + 2 * pad
    share = 0.4 if asks else 0.5 + 0.1 * max(0.0, min(1.0, fonts.scale - 1))
    box_h = min(int(h * share), max(int(h * 0.22), box_h))
    if asks and least_menu is not None:
        above = h - hint_h - top - least_menu(menu_width(fonts, w))
        box_h = max(name_h + line_h + pad, min(box_h, above - 2 * fonts.px(12)))
    return box_h


def text_room(fonts: Fonts, height: int) -> int:
    """The text area's height in a box `height` pixels tall."""
    return height - name_height(fonts) - fonts.px(16)


class DialogueBox:
    def __init__(self) -> None:
        self.box = pygame.Rect(0, 0, 0, 0)
        self.text = pygame.Rect(0, 0, 0, 0)  # where the line's text goes
        self.portrait = 0  # the portrait's side, 0 without one

    def place(
        self, fonts: Fonts, size: tuple[int, int], height: int, *, portrait: bool, hint_h: int
    ) -> None:
        """A box `height` pixels tall above the hint bar (`hint_h` pixels tall: every row the
        bar wraps onto), with a portrait left of the text when the line has one."""
        w, h = size
        pad = fonts.px(16)
        self.box = pygame.Rect(pad, h - hint_h - height, w - 2 * pad, height)
        self.portrait = min(self.box.height - 2 * pad, self.box.width // 4) if portrait else 0
        left = self.box.x + pad + (self.portrait + pad if self.portrait else 0)
        self.text = pygame.Rect(
            left,
            self.box.y + pad // 2 + name_height(fonts) + pad // 3,
            self.box.right - pad - left,
            text_room(fonts, self.box.height),
        )

    def draw(
        self,
        surface: pygame.Surface,
        line: ShownLine | None,
        fonts: Fonts,
        theme: Theme,
        art: Art,
    ) -> None:
        """The box as last placed, with `line`'s portrait and speaker."""
        box, pad = self.box, fonts.px(16)
        panel(surface, box, theme, width=2)
        if line is not None and line.portrait:
            face = art.portrait(line.portrait, self.portrait)
            spot = face.get_rect(topleft=(box.x + pad, box.y + pad))
            surface.blit(face, spot)
            pygame.draw.rect(surface, theme.border, spot, 2)
        if line is not None and line.speaker:
            # Speakers' own colours belong to the default theme; high contrast keeps its own.
            color = hex_rgb(line.color, theme.accent) if theme.name == "default" else theme.accent
            label(
                surface,
                line.speaker,
                (self.text.x, box.y + pad // 2),
                fonts,
                color,
                role="body_bold",
                base=20,
                max_width=self.text.width,
            )
