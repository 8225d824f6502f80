"""A laid-out, scrollable display list: the results panel builds one whenever its content,
width, fonts or theme change, then every frame only blits the pieces inside the view.

Text is wrapped to the document width when added, so nothing can run past the right edge;
`overflow()` lets tests prove it. Must not import torch.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import pygame

from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import TEXT, SurfaceCache, ellipsize, wrap

RGB = tuple[int, int, int]


@dataclass
class Piece:
    """A pre-rendered surface or a filled/outlined box, in document coordinates."""

    rect: pygame.Rect
    surface: pygame.Surface | None = None
    fill: RGB | None = None
    border: RGB | None = None
    border_width: int = 1
    radius: int = 0
    words: str = ""  # the text a rendered surface shows (for the ink log and snapshots)
    font: pygame.font.Font | None = None


@dataclass
class Hit:
    """An interactive area: clicking runs `action` (e.g. `case:2`), hovering shows `tooltip`."""

    rect: pygame.Rect
    action: str | None = None
    tooltip: str | None = None


@dataclass
class Chip:
    """A run of text in a flow: a label segment, or a boxed, clickable case chip."""

    text: str
    font: pygame.font.Font
    color: RGB
    fill: RGB | None = None
    border: RGB | None = None
    pad: int = 0
    action: str | None = None
    tooltip: str | None = None


class Doc:
    """Pieces stacked top to bottom inside a fixed width."""

    def __init__(self, width: int, cache: SurfaceCache = TEXT):
        self.width = max(1, width)
        self.cache = cache
        self.y = 0
        self.pieces: list[Piece] = []
        self.hits: list[Hit] = []
        self._tops: list[int] = []
        self._tallest = 0

    @property
    def height(self) -> int:
        return self.y

    def gap(self, h: int) -> None:
        self.y += max(0, h)

    def add(self, piece: Piece) -> Piece:
        self.pieces.append(piece)
        return piece

    def box(
        self,
        rect: pygame.Rect,
        fill: RGB | None,
        border: RGB | None = None,
        border_width: int = 1,
        radius: int = 0,
    ) -> Piece:
        return self.add(Piece(pygame.Rect(rect), None, fill, border, border_width, radius))

    def blit(
        self,
        surface: pygame.Surface,
        x: int,
        y: int,
        words: str = "",
        font: pygame.font.Font | None = None,
    ) -> pygame.Rect:
        rect = surface.get_rect(topleft=(x, y))
        self.add(Piece(rect, surface, words=words, font=font))
        return rect

    def text(
        self,
        text: str,
        font: pygame.font.Font,
        color: RGB,
        x: int = 0,
        width: int | None = None,
        line_gap: int = 0,
    ) -> int:
        """Wrap `text` into the width from `x` and stack it at the cursor; returns its height."""
        avail = width if width is not None else self.width - x
        avail = max(1, min(avail, self.width - x))
        top = self.y
        for line in wrap(font, text, avail):
            if line:
                self.blit(self.cache.render(font, line, color), x, self.y, line, font)
            self.y += font.get_linesize() + line_gap
        return self.y - top

    def flow(
        self,
        chips: list[Chip],
        x: int = 0,
        gap: int = 4,
        width: int | None = None,
        line_gap: int = 2,
    ) -> int:
        """Lay chips left to right within `width` from `x`, centred on their line and wrapping
        between chips (a chip too long for a whole line is cut with an ellipsis); returns the
        height used."""
        top, cx = self.y, x
        right = min(self.width, x + width) if width is not None else self.width
        line: list[tuple[list[Piece], list[Hit], int]] = []

        def end_line() -> int:
            tallest = max((h for _, _, h in line), default=0)
            for pieces, hits, h in line:
                for box in [p.rect for p in pieces] + [h.rect for h in hits]:
                    box.y += (tallest - h) // 2
            line.clear()
            return tallest

        for chip in chips:
            text = ellipsize(chip.font, chip.text, right - x - 2 * chip.pad)
            surface = self.cache.render(chip.font, text, chip.color)
            w, h = surface.get_width() + 2 * chip.pad, surface.get_height() + chip.pad
            if cx > x and cx + w > right:
                self.y += end_line() + line_gap
                cx = x
            rect = pygame.Rect(cx, self.y, w, h)
            pieces: list[Piece] = []
            if chip.fill is not None or chip.border is not None:
                pieces.append(self.box(rect, chip.fill, chip.border, 1, 4))
            pieces.append(
                self.add(
                    Piece(
                        surface.get_rect(topleft=(cx + chip.pad, self.y + chip.pad // 2)),
                        surface,
                        words=text.rstrip("…"),
                        font=chip.font,
                    )
                )
            )
            hits: list[Hit] = []
            if chip.action or chip.tooltip:
                self.hit(rect, chip.action, chip.tooltip)
                hits.append(self.hits[-1])
            line.append((pieces, hits, h))
            cx += w + gap
        self.y += end_line()
        return self.y - top

    def hit(self, rect: pygame.Rect, action: str | None = None, tooltip: str | None = None) -> None:
        self.hits.append(Hit(pygame.Rect(rect), action, tooltip))

    def finish(self) -> None:
        """Sort pieces by top edge so drawing can skip straight to the visible ones."""
        self.pieces.sort(key=lambda p: p.rect.top)
        self._tops = [p.rect.top for p in self.pieces]
        self._tallest = max((p.rect.height for p in self.pieces), default=0)

    def draw(
        self, target: pygame.Surface, origin: tuple[int, int], scroll: int, view_height: int
    ) -> None:
        """Blit the pieces that intersect [scroll, scroll + view_height) at `origin`."""
        ox, oy = origin
        start = bisect_right(self._tops, scroll - self._tallest) if self._tops else 0
        bottom = scroll + view_height
        for piece in self.pieces[start:]:
            if piece.rect.top >= bottom:
                break
            if piece.rect.bottom <= scroll:
                continue
            rect = piece.rect.move(ox, oy - scroll)
            if piece.surface is not None:
                target.blit(piece.surface, rect)
                if piece.font is not None:
                    LOG.record(target, piece.words, piece.font, rect)
                continue
            if piece.fill is not None:
                pygame.draw.rect(target, piece.fill, rect, 0, piece.radius)
            if piece.border is not None:
                pygame.draw.rect(target, piece.border, rect, piece.border_width, piece.radius)

    def hit_at(self, x: int, y: int) -> Hit | None:
        """The innermost (last added) hit area under a document point."""
        for hit in reversed(self.hits):
            if hit.rect.collidepoint(x, y):
                return hit
        return None

    def overflow(self) -> list[pygame.Rect]:
        """Pieces that stick out of the document's width (there should be none)."""
        return [p.rect for p in self.pieces if p.rect.left < 0 or p.rect.right > self.width]


def draw_scrollbar(
    surface: pygame.Surface,
    view: pygame.Rect,
    content_height: int,
    scroll: int,
    x: int,
    width: int,
    track: RGB,
    thumb: RGB,
) -> None:
    """A thin bar at `x` beside `view` showing which part of the content is visible."""
    if content_height <= view.h:
        return
    pygame.draw.rect(surface, track, (x, view.y, width, view.h), 0, 3)
    h = max(16, view.h * view.h // content_height)
    y = view.y + (view.h - h) * scroll // max(1, content_height - view.h)
    pygame.draw.rect(surface, thumb, (x, y, width, h), 0, 3)
