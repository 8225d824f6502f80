"""CodeView: the view part of the code widget. It owns where the code is shown (its rect),
scrolling, where each line and column is on screen (and which columns of a line are whole in
view, so the "text goes on" signs and the snapshot agree), the font/palette/renderer for the current
zoom, what decorates the lines (runner markers, find matches) and prefetching line renders
while idle. It reads the `Editor` and never changes it. The widget (`widget.py`) owns it;
`paint.py` draws it. Must not import torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

import pygame

from game.text import Editor, Highlighter, Marker, Pos
from game.text.find import Match
from game.ui.editor.palette import palette_for
from game.ui.editor.render import LineRenderer
from game.ui.fonts import Fonts, font
from game.ui.theme import Theme

BASE_PX = 17
PREFETCH_BUDGET_S = 0.004  # of an idle frame's 16 ms


class Shown(NamedTuple):
    """The columns `first` to `stop` (exclusive) of a line are whole in view; `left`/`right`:
    more of its text lies past that edge (a sign there says so, over the text it hides)."""

    first: int
    stop: int
    left: bool
    right: bool


class CodeView:
    def __init__(self, editor: Editor, fonts: Fonts, theme: Theme, *, zoom: float = 1.0) -> None:
        self.editor = editor
        self.highlighter = Highlighter(editor.buffer)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll_line = 0
        self.scroll_x = 0
        self.zoom = zoom
        self.markers: dict[int, list[Marker]] = {}  # by 0-based line
        self.matches_by_line: dict[int, list[Match]] = {}
        self._fonts, self._theme = fonts, theme
        self._prefetched: tuple[int, int, int] | None = None
        self._rebuild()

    # -- look ---------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.font_px = max(8, round(BASE_PX * self._fonts.scale * self.zoom))
        self.palette = palette_for(self._theme)
        self.renderer = LineRenderer(font("mono", self.font_px), self.palette)
        self._prefetched = None
        self.ensure_caret_visible()

    def set_fonts(self, fonts: Fonts) -> None:
        self._fonts = fonts
        self._rebuild()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._rebuild()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._rebuild()

    def set_matches(self, matches: list[Match]) -> None:
        self.matches_by_line = {}
        for match in matches:
            self.matches_by_line.setdefault(match[0].line, []).append(match)

    # -- geometry -----------------------------------------------------------------------------
    @property
    def line_height(self) -> int:
        return self.renderer.line_height

    @property
    def gutter_width(self) -> int:
        digits = max(3, len(str(self.editor.buffer.line_count)))
        return (digits + 3) * self.renderer.char_width

    @property
    def text_rect(self) -> pygame.Rect:
        return pygame.Rect(
            self.rect.x + self.gutter_width,
            self.rect.y,
            max(0, self.rect.w - self.gutter_width),
            self.rect.h,
        )

    @property
    def pad(self) -> int:
        return self.renderer.char_width // 2

    def page_lines(self) -> int:
        return max(1, self.rect.h // self.line_height)

    def visible_range(self) -> range:
        count = self.editor.buffer.line_count
        return range(self.scroll_line, min(count, self.scroll_line + self.page_lines() + 1))

    def x_of(self, pos: Pos) -> int:
        """Horizontal offset of `pos` from the start of its line, in pixels."""
        return self.renderer.width_of(self.editor.buffer.line(pos.line)[: pos.col])

    def line_at(self, y: int) -> int:
        line = self.scroll_line + (y - self.rect.y) // self.line_height
        return min(max(line, 0), self.editor.buffer.line_count - 1)

    def pos_at(self, xy: tuple[int, int]) -> Pos:
        line = self.line_at(xy[1])
        text = self.editor.buffer.line(line)
        x = xy[0] - self.text_rect.x - self.pad + self.scroll_x
        cw = self.renderer.char_width
        if text.isascii():
            return Pos(line, min(max(0, (x + cw // 2) // cw), len(text)))
        left = 0
        for col, ch in enumerate(text):
            width = self.renderer.width_of(ch)
            if x < left + width / 2:
                return Pos(line, col)
            left += width
        return Pos(line, len(text))

    def visible_cols(self) -> tuple[int, int]:
        cw = self.renderer.char_width
        return self.scroll_x // cw, (self.scroll_x + self.text_rect.w) // cw + 1

    @property
    def sign_width(self) -> int:
        """Width of the "text goes on" sign at either edge of a line cut by the view."""
        return self.renderer.char_width

    def shown(self, line: int) -> Shown:
        """Which columns of `line` are whole in view, between the signs its cut edges get."""
        text = self.editor.buffer.line(line)
        inked = text.strip()
        if not inked:
            return Shown(0, len(text), False, False)
        left_of = self._left_of(text)  # where column c starts, relative to text_rect.x
        view_w, sign = self.text_rect.w, self.sign_width
        first_ink = len(text) - len(text.lstrip())
        left = left_of(first_ink) < 0
        right = left_of(first_ink + len(inked)) > view_w
        lo, hi = (sign if left else 0), view_w - (sign if right else 0)
        first = _first(lambda c: left_of(c) >= lo, 0, len(text))
        stop = _first(lambda c: left_of(c + 1) > hi, first, len(text))
        return Shown(first, stop, left, right)

    def _left_of(self, text: str) -> Callable[[int], int]:
        start, cw = self.pad - self.scroll_x, self.renderer.char_width
        if text.isascii():
            return lambda c: start + c * cw
        lefts = [start]
        for ch in text:
            lefts.append(lefts[-1] + self.renderer.width_of(ch))
        return lefts.__getitem__

    def max_scroll_line(self) -> int:
        return max(0, self.editor.buffer.line_count - self.page_lines())

    def scroll_by(self, lines: int) -> None:
        self.scroll_line = min(max(self.scroll_line + lines, 0), self.max_scroll_line())

    def scroll_x_by(self, pixels: int) -> None:
        widest = max(
            (self.renderer.width_of(self.editor.buffer.line(i)) for i in self.visible_range()),
            default=0,
        )
        self.scroll_x = min(
            max(self.scroll_x + pixels, 0), max(0, widest + self.pad * 2 - self.text_rect.w // 2)
        )

    def ensure_caret_visible(self) -> None:
        caret = self.editor.caret
        page = self.page_lines()
        if caret.line < self.scroll_line:
            self.scroll_line = caret.line
        elif caret.line >= self.scroll_line + page:
            self.scroll_line = caret.line - page + 1
        self.scroll_line = min(self.scroll_line, max(caret.line, self.max_scroll_line()))
        x = self.x_of(caret)
        margin = 4 * self.renderer.char_width
        width = self.text_rect.w - 2 * self.pad
        if x < self.scroll_x + margin:
            self.scroll_x = max(0, x - margin)
        elif x > self.scroll_x + width - margin:
            self.scroll_x = x - width + margin

    def caret_screen_rect(self) -> pygame.Rect:
        caret = self.editor.caret
        tr = self.text_rect
        x = tr.x + self.pad + self.x_of(caret) - self.scroll_x
        y = self.rect.y + (caret.line - self.scroll_line) * self.line_height
        return pygame.Rect(x, y, max(2, self.font_px // 9), self.line_height)

    def prefetch(self) -> None:
        """Render the lines a page above and below while idle, so paging finds them ready."""
        state = (self.editor.version, self.scroll_line, self.font_px)
        if state == self._prefetched:
            return
        deadline = time.perf_counter() + PREFETCH_BUDGET_S
        page = self.page_lines()
        count = self.editor.buffer.line_count
        below = range(self.scroll_line, min(count, self.scroll_line + 2 * page + 1))
        above = range(max(0, self.scroll_line - page), self.scroll_line)
        first_col, last_col = self.visible_cols()
        for i in (*below, *reversed(above)):
            key = self.highlighter.key(i)
            if not self.renderer.cached(key):
                self.renderer.pieces(key, key[1], self.highlighter.spans(i), first_col, last_col)
                if time.perf_counter() > deadline:
                    return
        self._prefetched = state


def _first(holds: Callable[[int], bool], lo: int, hi: int) -> int:
    """The first column in `lo`..`hi` where `holds` (false, then true, along a line) is true;
    `hi` if none. A binary search: a pasted 40,000-column line costs a few steps a frame."""
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
