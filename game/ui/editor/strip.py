"""MessageStrip: the strip under the code that says one thing at a time (the runner's finding
on the caret's line, the latest status, where the marks are, or the editor's keys). It owns
its rect, how many lines it may take (one when the code would otherwise show too few lines)
and paging: a message longer than those lines is shown a page at a time, at the player's text
size, with a sign naming the key that reads on (`MORE_KEY`, or a click on the strip); no word
is ever cut off. What it draws is recorded as ink for the pane's snapshot.
Must not import torch.
"""

from __future__ import annotations

import pygame

from game.text import Marker
from game.ui.editor.palette import Palette
from game.ui.keymap import BY_ACTION, KeyMap
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import text_surface, wrap

RGB = tuple[int, int, int]
MIN_CODE_LINES = 5  # below this many visible code lines the strip keeps to one line
MORE_ACTION = "message_more"
MORE_KEY = BY_ACTION[MORE_ACTION].keys[0]  # a chord as the key table writes it: `ctrl+m`
MORE_SHOWN = KeyMap().shown(BY_ACTION[MORE_ACTION])  # as a player reads it: `Ctrl+M`
HINTS = " · ".join(f"{keys} {label}" for keys, label in KeyMap().hints("editor"))
PAD_X, PAD_Y = 10, 5


def choose_message(
    *,
    here: list[Marker],
    status: str,
    marked_lines: list[int],
    palette: Palette,
    theme: Theme,
) -> tuple[str, RGB]:
    """What the strip says, and in which colour: the runner's findings on the caret's line
    (`here`), else the latest status, else where the marks are, else the editor's keys."""
    if here:
        text = " ".join(f"Line {m.line} ({m.kind}): {m.message}" for m in here)
        return text, palette.markers[here[0].kind]
    if status:
        return status, theme.text
    if marked_lines:
        numbers = sorted(set(marked_lines))
        where = (
            f"line {numbers[0]}" if len(numbers) == 1 else "lines " + ", ".join(map(str, numbers))
        )
        return (
            f"Marked in the gutter: {where}. Put the caret there (Ctrl+G) or hover to read why.",
            theme.warning,
        )
    return HINTS, theme.text_dim


class MessageStrip:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.lines = 2  # how many lines of text it shows at once
        self.page = 0
        self._text = ""
        self._pages: list[list[str]] = [[]]

    def layout(self, area: pygame.Rect, font: pygame.font.Font, code_line_h: int, top: int) -> None:
        """Take the bottom of `area` (the code above it starts at `top`): two lines, or one
        when the code would show fewer than `MIN_CODE_LINES` lines."""
        line_h = font.get_linesize()
        code_lines = (area.bottom - top - 2 * line_h - 2 * PAD_Y) // max(1, code_line_h)
        self.lines = 2 if code_lines >= MIN_CODE_LINES else 1
        height = self.lines * line_h + 2 * PAD_Y
        self.rect = pygame.Rect(area.x, area.bottom - height, area.w, height)

    def show(self, text: str, font: pygame.font.Font) -> None:
        """Say `text` (a new message starts at its first page); wraps it into pages that fit."""
        width = self.rect.w - 2 * PAD_X
        lines = wrap(font, text, width)
        if len(lines) > self.lines:
            # Every line leaves room for the sign that ends each page ("99/99 · Ctrl+M more").
            sign = font.size(self._sign(99, 99))[0] + PAD_X
            lines = wrap(font, text, width - sign) if width - sign > sign else lines
        pages = [lines[i : i + self.lines] for i in range(0, len(lines), self.lines)] or [[]]
        if text != self._text:
            self._text, self.page = text, 0
        self._pages = pages
        self.page = min(self.page, len(pages) - 1)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def next_page(self) -> bool:
        """Read on (after the last page, back to the first); False if there is one page."""
        if self.page_count < 2:
            return False
        self.page = (self.page + 1) % self.page_count
        return True

    @staticmethod
    def _sign(page: int, count: int) -> str:
        return f"{page}/{count} · {MORE_SHOWN} more"

    def shown_lines(self) -> list[str]:
        return self._pages[self.page]

    def draw(
        self, surface: pygame.Surface, font: pygame.font.Font, colour: RGB, theme: Theme
    ) -> None:
        surface.fill(theme.panel, self.rect)
        pygame.draw.line(surface, theme.border, self.rect.topleft, self.rect.topright)
        x, y = self.rect.x + PAD_X, self.rect.y + PAD_Y
        for line in self.shown_lines():
            _blit(surface, font, line, colour, (x, y))
            y += font.get_linesize()
        if self.page_count > 1:
            sign = self._sign(self.page + 1, self.page_count)
            right = self.rect.right - PAD_X - font.size(sign)[0]
            _blit(surface, font, sign, theme.accent2, (right, y - font.get_linesize()))

    def describe(self) -> str:
        count = self.page_count
        page = f" (page {self.page + 1}/{count}, {MORE_SHOWN} reads on)" if count > 1 else ""
        return f"[message] {self._text}{page}"


def _blit(
    surface: pygame.Surface, font: pygame.font.Font, text: str, colour: RGB, at: tuple[int, int]
) -> None:
    shown = text_surface(font, text, colour)
    surface.blit(shown, at)
    LOG.record(surface, text, font, shown.get_rect(topleft=at))
