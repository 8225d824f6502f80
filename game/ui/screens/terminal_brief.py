"""The lab terminal's brief: the puzzle's Markdown and the hints unlocked so far (the next one
shown locked), laid out once per size, scale, theme or hint and scrolled on its own.
Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.widgets.draw import panel
from game.ui.widgets.markdown_view import MarkdownView
from game.ui.widgets.scroll import Scroller


def brief_source(brief: str, hints: list[str], used: int, toolbox: str = "") -> str:
    """The pane's Markdown: the brief, the toolbox (what the player may import), the hints."""
    used = min(used, len(hints))
    parts = [brief, f"\n\n{toolbox}" if toolbox else "", f"\n\n## Hints ({used} of {len(hints)})\n"]
    for i, hint in enumerate(hints):
        if i < used:
            parts.append(f"{i + 1}. {hint}\n")
        else:
            parts.append(f"{i + 1}. *Locked: press F1 or the Hint button.*\n")
            break
    return "".join(parts)


class BriefPane:
    def __init__(self, ctx: Context, brief: str, hints: list[str], toolbox: str = ""):
        self.ctx = ctx
        self.brief, self.hints, self.toolbox = brief, hints, toolbox
        self.scroll = Scroller(ctx)
        self._view: MarkdownView | None = None
        self._key: tuple[object, ...] = ()

    def source(self, hints_used: int) -> str:
        return brief_source(self.brief, self.hints, hints_used, self.toolbox)

    def draw(
        self, surface: pygame.Surface, rect: pygame.Rect, *, hints_used: int, focused: bool
    ) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        panel(surface, rect, theme, border=theme.accent2 if focused else None)
        inner = rect.inflate(-2 * fonts.px(12), -2 * fonts.px(10))
        inner.width -= fonts.px(6)
        key = (inner.size, fonts.scale, theme.name, hints_used)
        if key != self._key or self._view is None:
            self._key = key
            self._view = MarkdownView(self.source(hints_used), fonts, theme, inner.width)
        self.scroll.set(inner, self._view.height)
        with self.scroll.clipped(surface) as y:
            self._view.draw(surface, (inner.x, y))
        self.scroll.draw_bar(surface)
