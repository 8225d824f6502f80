"""Typewriter: one line of dialogue revealed character by character. It owns the line's laid-out
text, how much of it shows, and its pages: a line taller than its area is shown in pages from
its beginning, the reveal stops at the end of a page, the area says there is more, and turning
the page (Space, through the screen) goes on. No word is ever scrolled away before it was
shown, at any font scale; a new size or scale keeps the page holding the last word read. A
line read to its end can be rewound to page round and round (the scene does so beside the
choices, so no word of it is out of reach while the player chooses).

Reveal speed is characters per second; 0 shows each page whole. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import Fonts, Role
from game.ui.theme import Theme
from game.ui.widgets.draw import label
from game.ui.widgets.richtext import RichText


class Typewriter:
    def __init__(self) -> None:
        self.text: RichText | None = None
        self.revealed = 0.0  # characters shown, from the line's beginning
        self.page = 0
        self.per_page = 1  # text rows a page holds
        self.area = pygame.Rect(0, 0, 0, 0)
        self.cycling = False  # read once: the pages come round again (beside the choices)
        self._key: tuple[object, ...] = ()

    def restart(self) -> None:
        """A new line: from its first character, on its first page (laid out at next `fit`)."""
        self.revealed = 0.0
        self.page = 0
        self.cycling = False
        self._key = ()

    def rewind(self) -> None:
        """The line was read: show its first page whole, and from now on turning the last
        page comes back to the first (a player reads it again, all of it, while choosing)."""
        self.cycling = True
        self.page = 0
        self.finish()

    def fit(
        self,
        line: str | None,
        area: pygame.Rect,
        fonts: Fonts,
        theme: Theme,
        *,
        narrator: bool,
        instant: bool,
    ) -> None:
        """Lay `line` out for `area` (italic for the narrator) unless it already is."""
        self.area = pygame.Rect(area)
        key = (line, narrator, self.area.size, fonts.scale, theme.name)
        if key == self._key:
            return
        same_line = bool(self._key) and self.text is not None
        self._key = key
        if line is None:
            self.text = None
            return
        role: Role = "italic" if narrator else "body"
        self.text = text = RichText(line, fonts, theme, self.area.width, base=22, role=role)
        fit = max(1, self.area.height // text.line_height)
        # A line that needs pages gives up its last row to the "more" sign.
        self.per_page = fit if self.rows <= fit else max(1, fit - 1)
        self.page = text.line_of(int(self.revealed) - 1) // self.per_page if same_line else 0
        if instant:
            self.revealed = float(max(self.revealed, self.page_end))

    # -- state ----------------------------------------------------------------------------
    @property
    def rows(self) -> int:
        return len(self.text.line_widths) if self.text is not None else 0

    def fits(self, height: int) -> bool:
        """Whether the whole line fits `height` pixels."""
        return self.text is None or self.rows * self.text.line_height <= height

    @property
    def typing(self) -> bool:
        """The page on show is still being typed out."""
        return self.text is not None and self.revealed < self.page_end

    @property
    def page_count(self) -> int:
        if self.text is None:
            return 1
        return max(1, -(-self.rows // self.per_page))

    @property
    def more_pages(self) -> bool:
        return self.page + 1 < self.page_count

    @property
    def page_end(self) -> int:
        """Characters up to the end of the page on show."""
        if self.text is None:
            return 0
        return self.text.chars_before_line((self.page + 1) * self.per_page)

    def from_page(self) -> str | None:
        """The words from the page on show to the line's end, past the first page (None on
        it: the line as written is the better text then)."""
        if not self.page or self.text is None:
            return None
        return self.text.text_of_lines(self.page * self.per_page, self.rows)

    # -- time and keys --------------------------------------------------------------------
    def tick(self, dt: float, speed: int) -> None:
        """Type on for `dt` seconds at `speed` characters a second (0: the page at once)."""
        if self.typing:
            end = self.page_end
            self.revealed = float(end) if speed <= 0 else min(end, self.revealed + speed * dt)

    def finish(self) -> None:
        """Show the page on show whole."""
        if self.text is not None:
            self.revealed = float(self.page_end)

    def turn_page(self, *, instant: bool) -> None:
        self.page = 0 if self.cycling and not self.more_pages else self.page + 1
        if instant:
            self.revealed = float(self.page_end)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, fonts: Fonts, theme: Theme) -> None:
        """The revealed part of the page on show, in the area last fitted, and the "more"
        sign under it while the line goes on."""
        text, area = self.text, self.area
        if text is None:
            return
        offset = self.page * self.per_page * text.line_height
        clip = surface.get_clip()
        page = pygame.Rect(area.x, area.y, area.width, self.per_page * text.line_height)
        surface.set_clip(page.clip(clip))
        text.draw(surface, (area.x, area.y - offset), reveal=int(self.revealed))
        surface.set_clip(clip)
        if self.typing or not (self.more_pages or (self.cycling and self.page_count > 1)):
            return
        where = f"page {self.page + 1} of {self.page_count}"
        again = "more" if self.more_pages else "from the start"
        _draw_more(surface, fonts, theme, area.right, page.bottom, f"{where} · {again}: Space")


def _draw_more(
    surface: pygame.Surface, fonts: Fonts, theme: Theme, right: int, top: int, sign: str
) -> None:
    """The sign that a long line goes on, in the row kept free under the page: words and a
    down triangle (not colour alone), right-aligned at `right`."""
    spot = label(
        surface,
        sign,
        (right, top),
        fonts,
        theme.accent2,
        role="body_bold",
        base=18,
        anchor="topright",
    )
    size = spot.height // 3
    cx, cy = spot.left - size - fonts.px(4), spot.centery
    pygame.draw.polygon(
        surface,
        theme.accent2,
        [(cx - size, cy - size // 2), (cx + size, cy - size // 2), (cx, cy + size)],
    )
