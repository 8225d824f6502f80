"""Short notices ("Quicksaved.", "Hint 1 of 3 unlocked."), fading out, drawn where the frame
has no text: each goes to the highest free spot below the corner chips, as far right as it
goes, narrower and on more lines where only a narrow gap is free, so at large text a notice
never covers a heading, a menu's first row or the hint bar for the seconds it shows. Where
there is room it keeps off the top screen's buttons and items as well (their snapshot's
targets). The words drawn this frame come from the ink log; what a notice shows is ink of its
own (`ink()`).

Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.snapshot import Ink
from game.ui.widgets.draw import below_corner_chips
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import text_surface, wrap

OWNER = "notices"  # the ink log's name for what the notices draw


def ink() -> tuple[Ink, ...]:
    """The notices drawn this frame, each one run of ink over its whole box."""
    return LOG.of(OWNER)


def _free_x(band: list[pygame.Rect], width: int, left: int, right: int) -> int | None:
    """The rightmost x in [left, right] where `width` pixels meet none of `band`'s boxes."""
    edge = right
    for box in sorted(band, key=lambda b: -b.right):
        if box.right <= edge - width:
            return edge - width  # the gap right of this box holds it
        edge = min(edge, box.left)
    return edge - width if edge - width >= left else None


def _place(
    surface: pygame.Surface, size: tuple[int, int], taken: list[pygame.Rect], top: int, step: int
) -> pygame.Rect | None:
    """The highest free spot for a box of `size`, as far right as it goes; None if no row of
    the window has room for it."""
    w, h = surface.get_size()
    for y in range(top, h - size[1], step):
        row = pygame.Rect(0, y, w, size[1])
        x = _free_x([t for t in taken if t.colliderect(row)], size[0], step, w - step)
        if x is not None:
            return pygame.Rect((x, y), size)
    return None


def _fit(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    taken: list[pygame.Rect],
    top: int,
    pad: int,
    widest: int,
) -> tuple[pygame.Rect, list[str]] | None:
    """Where `text` goes and its lines: as wide as it needs (up to `widest`), narrower and on
    more lines where only a narrow gap is free; None where no gap is."""
    width = min(widest, font.size(text)[0] + 2 * pad)
    narrowest = max(font.size(word)[0] for word in text.split() or [text]) + 2 * pad
    while True:
        lines = wrap(font, text, width - 2 * pad)
        size = (width, len(lines) * font.get_linesize() + pad)
        spot = _place(surface, size, taken, top, pad)
        if spot is not None:
            return spot, lines
        if width <= narrowest:
            return None
        width = max(narrowest, width * 3 // 4)


Placed = list[tuple[pygame.Rect, list[str]]]
# The last frame's places: a frame with the same words in the same spots (most frames) and
# the same notices reuses them instead of searching again.
_last: tuple[object, Placed] = ((), [])


def _places(surface: pygame.Surface, ctx: Context, texts: list[str]) -> Placed:
    fonts = ctx.fonts
    font, pad = fonts.get("body", 15), fonts.px(10)
    boxes = tuple(i.box for i in LOG.of_frame())
    top_screen = ctx.stack.top
    controls = tuple(top_screen.snapshot().targets.values()) if top_screen else ()
    key = (boxes, controls, tuple(texts), surface.get_size(), fonts.scale)
    global _last
    if _last[0] == key:
        return _last[1]
    widest = min(fonts.px(420), surface.get_width() // 2)
    # Room to breathe around the words already drawn: glyphs are not flush with their boxes.
    taken = [pygame.Rect(box).inflate(pad, pad // 2) for box in boxes]
    # The top screen's buttons, items and chips too where there is room (a focus frame shows).
    buttons = [pygame.Rect(box) for box in controls]
    top = below_corner_chips(fonts)
    placed: Placed = []
    for text in texts:
        # Every word, at any text size (a notice stays up longer the longer it is); at worst
        # (a window full of words) the top right corner.
        spot = _fit(surface, font, text, taken + buttons, top, pad, widest) or _fit(
            surface, font, text, taken, top, pad, widest
        )
        if spot is None:
            lines = wrap(font, text, widest - 2 * pad)
            box = pygame.Rect(0, top, widest, len(lines) * font.get_linesize() + pad)
            box.right = surface.get_width() - pad
            spot = box, lines
        placed.append(spot)
        taken.append(spot[0].inflate(pad, pad // 2))
    _last = (key, placed)
    return placed


def draw_notices(surface: pygame.Surface, ctx: Context) -> None:
    fonts, theme = ctx.fonts, ctx.theme
    font, pad = fonts.get("body", 15), fonts.px(10)
    places = _places(surface, ctx, [notice.text for notice in ctx.notices])
    owner, LOG.owner = LOG.owner, OWNER
    for notice, (box, lines) in zip(ctx.notices, places, strict=True):
        color = {"error": theme.error, "success": theme.success}.get(notice.kind, theme.accent2)
        alpha = 255 if ctx.settings.reduced_motion else int(255 * min(1.0, notice.left / 0.4))
        layer = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.rect(layer, (*theme.panel_alt, 235), layer.get_rect(), border_radius=6)
        pygame.draw.rect(layer, (*color, 255), layer.get_rect(), 2, border_radius=6)
        for i, line in enumerate(lines):
            layer.blit(
                text_surface(font, line, theme.text), (pad, pad // 2 + i * font.get_linesize())
            )
        layer.set_alpha(alpha)
        surface.blit(layer, box)
        LOG.record(surface, notice.text, font, box)
    LOG.owner = owner
