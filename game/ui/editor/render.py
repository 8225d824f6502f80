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


class _LRU(OrderedDict[Hashable, pygame.Surface]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def fetch(self, key: Hashable) -> pygame.Surface | None:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def keep(self, key: Hashable, surface: pygame.Surface) -> None:
        self[key] = surface
        if len(self) > self.size:
            self.popitem(last=False)


class LineRenderer:
    def __init__(self, font: pygame.font.Font, palette: Palette) -> None:
        self.font = font
        self.palette = palette
        self.char_width = font.size("M")[0]
        self.line_height = font.get_linesize()
        self._tokens = _LRU(6000)
        self._lines = _LRU(3000)

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

    def line(self, key: Hashable, text: str, spans: Sequence[Span]) -> pygame.Surface | None:
        """The rendered line (None when it is blank)."""
        if not text.strip():
            return None
        found = self._lines.fetch(key)
        if found is not None:
            return found
        surface = pygame.Surface((max(1, self.width_of(text)), self.line_height), pygame.SRCALPHA)
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
