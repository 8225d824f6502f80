"""Markdown laid out for a column: headings, paragraphs, bullet and numbered lists, fenced code
(mono, on a dark box, wrapped rather than cut), quotes and admonitions. Used for puzzle briefs.

Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.text.markup import Block, Span, parse_markdown
from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.richtext import RichText
from game.ui.widgets.textfit import text_surface

HEADING_SIZES = {1: 26, 2: 21, 3: 19}


@dataclass
class _Item:
    text: RichText
    x: int
    y: int
    kind: str
    marker: str = ""
    box_h: int = 0


class MarkdownView:
    def __init__(self, source: str, fonts: Fonts, theme: Theme, width: int, *, base: int = 17):
        self.fonts, self.theme, self.width, self.base = fonts, theme, width, base
        self.items: list[_Item] = []
        self.height = 0
        self._build(parse_markdown(source))

    def _build(self, blocks: list[Block]) -> None:
        fonts, theme = self.fonts, self.theme
        gap = fonts.px(8)
        indent = fonts.px(22)
        pad = fonts.px(8)
        y = 0
        for block in blocks:
            if block.kind == "heading":
                size = HEADING_SIZES.get(block.level, 18)
                color = theme.accent if block.level <= 1 else theme.accent2
                y += gap // 2 if y else 0
                text = RichText(
                    block.text, fonts, theme, self.width, base=size, role="heading", color=color
                )
                self.items.append(_Item(text, 0, y, "heading"))
            elif block.kind in ("bullet", "number"):
                x = indent * (block.level + 1)
                text = RichText(block.text, fonts, theme, self.width - x, base=self.base)
                marker = block.marker or "•"
                self.items.append(_Item(text, x, y, block.kind, marker))
            elif block.kind == "code":
                spans = [Span(block.text, "code")]
                text = RichText(
                    spans, fonts, theme, self.width - 2 * pad, base=self.base, line_gap=0.05
                )
                self.items.append(_Item(text, pad, y + pad, "code", box_h=text.height + 2 * pad))
                y += 2 * pad
            elif block.kind == "quote":
                body = f"**{block.title}** {block.text}" if block.title else block.text
                text = RichText(
                    body,
                    fonts,
                    theme,
                    self.width - 2 * pad,
                    base=self.base,
                    role="italic",
                    color=theme.text_dim,
                )
                self.items.append(_Item(text, 2 * pad, y, "quote"))
            elif block.kind == "rule":
                self.items.append(_Item(RichText("", fonts, theme, self.width), 0, y, "rule"))
                y += gap
                continue
            else:
                text = RichText(block.text, fonts, theme, self.width, base=self.base)
                self.items.append(_Item(text, 0, y, "para"))
            y += self.items[-1].text.height + gap
        self.height = y

    def draw(self, surface: pygame.Surface, origin: tuple[int, int]) -> None:
        ox, oy = origin
        clip = surface.get_clip()
        theme = self.theme
        for item in self.items:
            top = oy + item.y
            if clip and (top > clip.bottom or top + item.text.height + item.box_h < clip.top):
                continue
            if item.kind == "code":
                pad = self.fonts.px(8)
                box = pygame.Rect(ox, top - pad, self.width, item.box_h)
                pygame.draw.rect(surface, theme.bg, box, border_radius=6)
                pygame.draw.rect(surface, theme.border, box, 1, border_radius=6)
                self._draw_plain_code(surface, item, (ox + item.x, top))
                continue
            if item.kind == "rule":
                pygame.draw.line(surface, theme.border, (ox, top), (ox + self.width, top))
                continue
            if item.kind == "quote":
                bar = pygame.Rect(ox + self.fonts.px(4), top, 3, item.text.height)
                pygame.draw.rect(surface, theme.accent, bar)
            if item.kind in ("bullet", "number"):
                font = self.fonts.get("body_bold", self.base)
                mark = text_surface(font, item.marker, theme.accent)
                surface.blit(mark, (ox + item.x - mark.get_width() - self.fonts.px(6), top))
            item.text.draw(surface, (ox + item.x, top))

    def _draw_plain_code(self, surface: pygame.Surface, item: _Item, pos: tuple[int, int]) -> None:
        # Code blocks keep their own box: the inline code tint would stripe every line.
        for piece in item.text.pieces:
            spot = surface.blit(
                piece.surface, (pos[0] + piece.x, pos[1] + piece.line * item.text.line_height)
            )
            if piece.font is not None:
                LOG.record(surface, piece.text, piece.font, spot)
