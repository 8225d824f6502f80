"""Short notices ("Quicksaved.", "Hint 1 of 3 unlocked."), fading out, drawn where the frame
has no text: each goes to the first free spot, looking down the right edge below the corner
chips, then the left edge, then the middle, so at large text a notice never covers a heading,
a menu's first row or the hint bar for the seconds it shows. The words drawn this frame come
from the ink log; what a notice shows is ink of its own (`ink()`), never a screen's.

Must not import torch.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def _spots(size: tuple[int, int], box: pygame.Rect, top: int, step: int) -> Iterator[pygame.Rect]:
    """Where a notice of `box`'s size may go, best first."""
    w, h = size
    for x in (w - step - box.width, step, (w - box.width) // 2):
        for y in range(top, h - box.height, step):
            yield pygame.Rect(x, y, box.width, box.height)


def _place(
    size: tuple[int, int], box: pygame.Rect, taken: list[pygame.Rect], top: int, step: int
) -> pygame.Rect:
    """The first spot clear of everything `taken`; with none free (a window full of words),
    the one covering least of them."""
    best, least = pygame.Rect(size[0] - step - box.width, top, *box.size), -1
    for spot in _spots(size, box, top, step):
        covered = sum(spot.clip(t).width * spot.clip(t).height for t in taken)
        if covered == 0:
            return spot
        if least < 0 or covered < least:
            best, least = spot, covered
    return best


def draw_notices(surface: pygame.Surface, ctx: Context) -> None:
    fonts, theme = ctx.fonts, ctx.theme
    font = fonts.get("body", 15)
    pad = fonts.px(10)
    widest = min(fonts.px(420), surface.get_width() // 2)
    # Room to breathe around the words already drawn: glyphs are not flush with their boxes.
    taken = [pygame.Rect(i.box).inflate(pad, pad // 2) for i in LOG.of_frame()]
    top = below_corner_chips(fonts)
    owner, LOG.owner = LOG.owner, OWNER
    for notice in ctx.notices:
        color = {"error": theme.error, "success": theme.success}.get(notice.kind, theme.accent2)
        # Every word, at any text size (a notice stays up longer the longer it is); a short
        # notice takes only the width it needs, so it finds a free spot sooner.
        width = min(widest, font.size(notice.text)[0] + 2 * pad)
        lines = wrap(font, notice.text, width - 2 * pad)
        size = (width, len(lines) * font.get_linesize() + pad)
        box = _place(surface.get_size(), pygame.Rect((0, 0), size), taken, top, pad)
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
        taken.append(box.inflate(pad, pad // 2))
    LOG.owner = owner
