"""Turns highlighted lines into surfaces, cached twice: each (text, colour) token once, and each
whole line by what its look depends on (entry state, text), so a keystroke re-renders one
line and scrolling mostly reuses surfaces. Surfaces are premultiplied so that composing
anti-aliased pieces onto a transparent line leaves no dark fringes. Must not import torch.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable, Sequence

import pygame

from game.text.syntax import Span
from game.ui.editor.palette import Palette
from game.ui.theme import RGB

BLEND = pygame.BLEND_PREMULTIPLIED
# JetBrains Mono draws ligatures (`!=` as one "not equal" glyph, `0x1F` with a times sign) when
# characters are shaped together. A learner must see what they typed, so only runs of letters
# and spaces (which never join) are rendered together; digits and symbols go one by one.
_PIECES = re.compile(r"[A-Za-z_ ]+|.", re.S)
CHUNK = 256  # columns per rendered piece of a long line


class _LRU(OrderedDict[Hashable, pygame.Surface]):
    """Least recently used surfaces, bounded by the bytes their pixels take."""

    def __init__(self, budget_bytes: int) -> None:
        super().__init__()
        self.budget = budget_bytes
        self.used = 0

    def fetch(self, key: Hashable) -> pygame.Surface | None:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def keep(self, key: Hashable, surface: pygame.Surface) -> None:
        old = self.pop(key, None)
        if old is not None:
            self.used -= _bytes(old)
        self[key] = surface
        self.used += _bytes(surface)
        while self.used > self.budget and len(self) > 1:
            self.used -= _bytes(self.popitem(last=False)[1])


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * 4


class LineRenderer:
    def __init__(self, font: pygame.font.Font, palette: Palette) -> None:
        self.font = font
        self.palette = palette
        self.char_width = font.size("M")[0]
        self.line_height = font.get_linesize()
        self._tokens = _LRU(16 * 2**20)
        self._lines = _LRU(64 * 2**20)  # some 1,500 typical lines at the default size

    def width_of(self, text: str) -> int:
        """Pixel width of `text` (JetBrains Mono has one advance for the characters it has)."""
        return len(text) * self.char_width if text.isascii() else self.font.size(text)[0]

    def text(self, text: str, colour: RGB) -> pygame.Surface:
        """A cached premultiplied rendering of `text` in one colour."""
        key = (text, colour)
        found = self._tokens.fetch(key)
        if found is None:
            found = self.font.render(text, True, colour)
            if pygame.display.get_surface() is not None:
                found = found.convert_alpha()  # the display's pixel format blits fastest
            found = found.premul_alpha()
            self._tokens.keep(key, found)
        return found

    def pieces(
        self, key: Hashable, text: str, spans: Sequence[Span], first_col: int, last_col: int
    ) -> list[tuple[int, pygame.Surface]]:
        """The rendered parts of a line that cover columns `first_col` to `last_col`, as
        (x offset, surface). Long ASCII lines are cut into chunks, so a pasted 40,000-character
        line costs one chunk per keystroke, not a 400,000-pixel surface."""
        if not text.strip():
            return []
        if len(text) <= CHUNK or not text.isascii():
            return [(0, self._surface(key, spans))]
        out = []
        for chunk in range(max(0, first_col) // CHUNK, min(last_col, len(text) - 1) // CHUNK + 1):
            lo = chunk * CHUNK
            surface = self._surface((key, chunk), slice_spans(spans, lo, lo + CHUNK))
            out.append((lo * self.char_width, surface))
        return out

    def _surface(self, key: Hashable, spans: Sequence[Span]) -> pygame.Surface:
        found = self._lines.fetch(key)
        if found is not None:
            return found
        width = sum(self.width_of(part) for _, part in spans)
        surface = pygame.Surface((max(1, width), self.line_height), pygame.SRCALPHA)
        x = 0
        for kind, part in spans:
            colour = self.palette.token(kind)
            for piece in _PIECES.findall(part):
                if not piece.isspace():
                    surface.blit(self.text(piece, colour), (x, 0), special_flags=BLEND)
                x += self.width_of(piece)
        self._lines.keep(key, surface)
        return surface

    def cached(self, key: Hashable) -> bool:
        return key in self._lines


def slice_spans(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """The spans covering columns `start` to `end` of their line, cut at both ends."""
    out: list[Span] = []
    col = 0
    for kind, part in spans:
        lo, hi = max(start, col), min(end, col + len(part))
        if lo < hi:
            out.append((kind, part[lo - col : hi - col]))
        col += len(part)
        if col >= end:
            break
    return out
