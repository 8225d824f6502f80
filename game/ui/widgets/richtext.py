"""Rich text laid out to a width: word wrap, `code` spans in mono on a tinted box, bold, italic
and pixel glyphs for icon tokens, with a typewriter reveal that costs no re-layout per frame.

Each line is cut into pieces rendered once; revealing k characters blits whole pieces and a
clipped part of one. A word wider than the box is broken by characters, so text never leaves
its box at any font scale. Must not import torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from game.text.markup import Span, Style, parse_inline
from game.ui.art.glyphs import glyph_surface
from game.ui.fonts import Fonts, Role
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import fit_count

RGB = tuple[int, int, int]
_ATOMS = re.compile(r"\n|[^\S\n]+|[^\s]+[^\S\n]*")


@dataclass
class Piece:
    text: str
    style: Style
    surface: pygame.Surface
    x: int
    line: int
    chars: int
    font: pygame.font.Font | None  # None for glyphs


class RichText:
    """`RichText(text, fonts, theme, width)`; then `.height` and `.draw(surface, pos, reveal)`."""

    def __init__(
        self,
        text: str | list[Span],
        fonts: Fonts,
        theme: Theme,
        width: int,
        *,
        base: int = 20,
        role: Role = "body",
        color: RGB | None = None,
        code_color: RGB | None = None,
        align: str = "left",
        line_gap: float = 0.2,
    ):
        self.fonts, self.theme = fonts, theme
        self.width = max(20, int(width))
        self.spans = parse_inline(text) if isinstance(text, str) else text
        self.base, self.role, self.align = base, role, align
        self.color = color or theme.text
        self.code_color = code_color or theme.accent2
        self.main_font = fonts.get(role, base)
        self.line_height = int(self.main_font.get_linesize() * (1 + line_gap))
        self.pieces: list[Piece] = []
        self.line_widths: list[int] = []
        self._layout()
        self.chars = sum(p.chars for p in self.pieces)
        self.height = max(1, len(self.line_widths)) * self.line_height

    # -- layout ---------------------------------------------------------------------------
    def _font(self, style: Style) -> pygame.font.Font:
        if style == "code":
            return self.fonts.get("mono", round(self.base * 0.9))
        if style == "bold":
            return self.fonts.get(
                "body_bold" if self.role.startswith("body") else self.role, self.base
            )
        if style == "italic":
            return self.fonts.get(
                "italic" if self.role.startswith("body") else self.role, self.base
            )
        return self.main_font

    def _layout(self) -> None:
        line, x = 0, 0
        widths = [0]
        pending: list[tuple[str, Style, int, int]] = []  # text, style, x, line
        soft = False  # the current line began at a wrap (not at an explicit newline)

        def newline(wrap: bool = True) -> None:
            nonlocal line, x, soft
            widths[line] = x
            line, x, soft = line + 1, 0, wrap
            widths.append(0)

        for span in self.spans:
            if span.style == "glyph":
                w = self._glyph(span.text).get_width()
                if x and x + w > self.width:
                    newline()
                pending.append((span.text, "glyph", x, line))
                x += w
                continue
            font = self._font(span.style)
            margin = max(2, self.main_font.get_height() // 7) if span.style == "code" else 0
            x += margin if x else 0  # room for the code tint beside the neighbouring words
            for atom in _ATOMS.findall(span.text):
                if atom == "\n":
                    newline(wrap=False)
                    continue
                if not x and soft and not atom.strip():
                    continue  # no leading blanks on a wrapped line (indentation stays)
                word_w = font.size(atom.rstrip())[0]
                if x and x + word_w > self.width:
                    newline()
                    atom = atom.lstrip()
                while len(atom) > 1 and _wider(font, atom.rstrip(), self.width - x):
                    cut = fit_count(font, atom, self.width - x)  # a word wider than the box
                    if cut == 0 and x:
                        newline()
                        continue
                    cut = max(cut, 1)  # a box narrower than one letter still gets one per line
                    pending.append((atom[:cut], span.style, x, line))
                    x += font.size(atom[:cut])[0]
                    atom = atom[cut:]
                    newline()
                pending.append((atom, span.style, x, line))
                x += font.size(atom)[0]
            x += margin
        widths[line] = x
        self.line_widths = widths
        self._render(pending)

    def _glyph(self, name: str) -> pygame.Surface:
        return glyph_surface(
            name, max(8, int(self.main_font.get_height() * 0.8)), self.theme.accent
        )

    def _render(self, pending: list[tuple[str, Style, int, int]]) -> None:
        merged: list[tuple[str, Style, int, int]] = []
        for text, style, x, line in pending:  # fewer, longer pieces blit faster
            last = merged[-1] if merged else None
            if (
                last
                and last[1] == style != "glyph"
                and last[3] == line
                # Kerning and rounding can make the whole wider than its words were laid out:
                # merge only when it takes no more room than they did (no overlap, no spill).
                and self._font(style).size(last[0] + text)[0]
                <= x + self._font(style).size(text)[0] - last[2]
            ):
                prev = merged.pop()
                merged.append((prev[0] + text, style, prev[2], line))
            else:
                merged.append((text, style, x, line))
        # Blanks at the end of a line take no room: alignment and box checks see ink only.
        for i, (text, style, x, line) in enumerate(merged):
            last_on_line = i + 1 == len(merged) or merged[i + 1][3] != line
            if last_on_line and style != "glyph":
                merged[i] = (text.rstrip(" \t"), style, x, line)
        merged = [m for m in merged if m[0]]
        for text, style, x, line in merged:
            if style == "glyph":
                surf = self._glyph(text)
                self.pieces.append(Piece(text, style, surf, x, line, 1, None))
                continue
            font = self._font(style)
            color = self.code_color if style == "code" else self.color
            surf = font.render(text, True, color)
            self.pieces.append(Piece(text, style, surf, x, line, len(text), font))
        self.line_widths = [0] * len(self.line_widths)
        for piece in self.pieces:
            right = piece.x + piece.surface.get_width()
            self.line_widths[piece.line] = max(self.line_widths[piece.line], right)

    def chars_before_line(self, line: int) -> int:
        """How many characters lie on lines above `line` (what revealing up to it takes)."""
        return sum(p.chars for p in self.pieces if p.line < line)

    def line_of(self, index: int) -> int:
        """The line holding character `index` (0 for an empty text or a negative index)."""
        for piece in self.pieces:
            if index < piece.chars:
                return piece.line
            index -= piece.chars
        return self.pieces[-1].line if self.pieces and index >= 0 else 0

    def text_of_lines(self, first: int, stop: int) -> str:
        """The words on lines first..stop-1, as plain text."""
        return " ".join(p.text for p in self.pieces if first <= p.line < stop and p.font)

    # -- drawing --------------------------------------------------------------------------
    @property
    def used_width(self) -> int:
        return max(self.line_widths, default=0)

    def _x_offset(self, line: int) -> int:
        if self.align == "center":
            return (self.width - self.line_widths[line]) // 2
        if self.align == "right":
            return self.width - self.line_widths[line]
        return 0

    def draw(
        self, surface: pygame.Surface, pos: tuple[int, int], reveal: int | None = None
    ) -> None:
        """Draw at `pos`; `reveal` limits how many characters show (None: all)."""
        left = reveal if reveal is not None else self.chars
        ox, oy = pos
        main_h = self.main_font.get_height()
        for piece in self.pieces:
            if left <= 0:
                break
            x = ox + piece.x + self._x_offset(piece.line)
            y = oy + piece.line * self.line_height
            surf = piece.surface
            y += (main_h - surf.get_height()) // 2 if piece.style in ("glyph", "code") else 0
            if piece.style == "code":
                pad = max(2, main_h // 10)
                w = surf.get_width() if left >= piece.chars else 0
                if w:
                    box = pygame.Rect(x - pad, y - 1, w + 2 * pad, surf.get_height() + 2)
                    pygame.draw.rect(surface, self.theme.panel_alt, box, border_radius=pad)
            if left >= piece.chars:
                surface.blit(surf, (x, y))
                shown = piece.text
            else:
                assert piece.font is not None
                w = piece.font.size(piece.text[:left])[0]
                surface.blit(surf, (x, y), pygame.Rect(0, 0, w, surf.get_height()))
                shown = piece.text[:left]
            if piece.font is not None:
                LOG.record(surface, shown, piece.font, surf.get_rect(topleft=(x, y)))
            left -= piece.chars


def _wider(font: pygame.font.Font, text: str, room: int) -> bool:
    """Whether `text` is wider than `room` pixels; longer text than the room has pixels is
    taken as wider unmeasured (glyphs are at least a pixel wide), so an endless word costs
    a bounded measurement per line."""
    return len(text) > room or font.size(text)[0] > room
