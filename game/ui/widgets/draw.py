"""Small drawing helpers shared by screens: panels, key hints, a dimming veil.

Must not import torch.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import ellipsize, text_surface

RGB = tuple[int, int, int]


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    *,
    alt: bool = False,
    border: RGB | None = None,
    radius: int = 8,
    width: int = 2,
) -> None:
    pygame.draw.rect(surface, theme.panel_alt if alt else theme.panel, rect, border_radius=radius)
    pygame.draw.rect(surface, border or theme.border, rect, width, border_radius=radius)


@lru_cache(maxsize=8)
def _veil(size: tuple[int, int], alpha: int) -> pygame.Surface:
    s = pygame.Surface(size, pygame.SRCALPHA)
    s.fill((8, 4, 14, alpha))
    return s


def veil(surface: pygame.Surface, alpha: int = 170) -> None:
    """Darken everything drawn so far (under a dialog or menu)."""
    surface.blit(_veil(surface.get_size(), alpha), (0, 0))


def label(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    fonts: Fonts,
    color: RGB,
    *,
    role: str = "body",
    base: int = 18,
    anchor: str = "topleft",
    max_width: int | None = None,
) -> pygame.Rect:
    """One line of text, cut with an ellipsis when wider than `max_width` or the surface
    (any text, however long: the fit is a bounded bisection)."""
    font = fonts.get(role, base)  # type: ignore[arg-type]
    room = surface.get_width() if max_width is None else min(max_width, surface.get_width())
    shown = ellipsize(font, text, room)
    surf = text_surface(font, shown, color)
    rect = surf.get_rect(**{anchor: pos})
    surface.blit(surf, rect)
    LOG.record(surface, shown.rstrip("…") if shown != text else text, font, rect)
    return rect


Hint = tuple[str, str]  # (keys, what they do), e.g. ("PgUp/PgDn", "scroll")


def _hint_fonts(fonts: Fonts) -> tuple[pygame.font.Font, pygame.font.Font, int]:
    return fonts.get("mono_bold", 14), fonts.get("body", 14), fonts.px(6)


def hint_rows(hints: list[Hint], fonts: Fonts, width: int) -> list[list[Hint]]:
    """The hints laid out in rows that fit `width`, in order: a narrow window or large text
    wraps the bar onto more rows rather than dropping the keys that come last."""
    font_key, font_txt, pad = _hint_fonts(fonts)
    rows: list[list[Hint]] = [[]]
    x = pad * 2
    for key, action in hints:
        need = font_key.size(key)[0] + font_txt.size(action)[0] + pad * 5
        if rows[-1] and x + need > width - pad:
            rows.append([])
            x = pad * 2
        rows[-1].append((key, action))
        x += need + pad  # the gap before the next hint (as key_hints draws it)
    return rows


def key_hints(
    surface: pygame.Surface,
    hints: list[Hint],
    fonts: Fonts,
    theme: Theme,
    *,
    bottom: int | None = None,
    wrap: bool = False,
) -> None:
    """Rows of `[Key] action` hints along the bottom edge. With `wrap` every hint is drawn,
    on as many rows as the width needs (reserve `hint_bar_height(fonts, hints, width)`);
    without, only the first row (screens that reserve one row)."""
    font_key, font_txt, pad = _hint_fonts(fonts)
    width = surface.get_width()
    rows = hint_rows(hints, fonts, width)
    if not wrap:
        rows = rows[:1]
    line = font_txt.get_linesize()
    bottom = surface.get_height() if bottom is None else bottom
    top = bottom - hint_bar_height(fonts, rows=len(rows)) + pad
    # A solid strip: hints of a screen underneath (seen through a veil) never show through.
    surface.fill(theme.bg, (0, top - pad, width, bottom - top + pad))
    for r, row in enumerate(rows):
        x, y = pad * 2, top + r * (line + pad)
        for key, action in row:
            k = text_surface(font_key, key, theme.bg)
            t = text_surface(font_txt, action, theme.text_dim)
            box = pygame.Rect(x, y, k.get_width() + pad * 2, line)
            pygame.draw.rect(surface, theme.text_dim, box, border_radius=4)
            key_rect = surface.blit(k, k.get_rect(center=box.center))
            text_rect = surface.blit(t, (box.right + pad, y + (box.height - t.get_height()) // 2))
            LOG.record(surface, key, font_key, key_rect)
            LOG.record(surface, action, font_txt, text_rect)
            x = box.right + pad * 2 + t.get_width() + pad * 2


def hint_bar_height(
    fonts: Fonts, hints: list[Hint] | None = None, width: int = 0, *, rows: int = 1
) -> int:
    """The height the hint bar takes: one row, or as many as `hints` need across `width`."""
    if hints is not None:
        rows = len(hint_rows(hints, fonts, width))
    _, font_txt, pad = _hint_fonts(fonts)
    return rows * (font_txt.get_linesize() + pad) + pad


def chip_height(fonts: Fonts) -> int:
    return fonts.get("body_bold", 14).get_height() + fonts.px(6)


def below_corner_chips(fonts: Fonts) -> int:
    """The y under the row of corner chips (the back chip, the scene's History/Map/Menu), where
    corner notices may start without covering them."""
    return fonts.px(16) + chip_height(fonts) + fonts.px(6)


def chip_buttons(
    surface: pygame.Surface,
    labels: list[tuple[str, str]],
    fonts: Fonts,
    theme: Theme,
    *,
    top_right: tuple[int, int],
) -> dict[str, pygame.Rect]:
    """Small clickable chips laid right to left from `top_right`, e.g. [History] [Menu], so a
    mouse-only player can reach what the keys reach. Returns each chip's rect by key."""
    font = fonts.get("body_bold", 14)
    pad = fonts.px(6)
    x, y = top_right
    rects: dict[str, pygame.Rect] = {}
    for key, text in reversed(labels):
        surf = text_surface(font, text, theme.text)
        rect = pygame.Rect(0, y, surf.get_width() + 2 * pad, chip_height(fonts))
        rect.right = x
        pygame.draw.rect(surface, theme.panel, rect, border_radius=6)
        pygame.draw.rect(surface, theme.border, rect, 1, border_radius=6)
        surface.blit(surf, surf.get_rect(center=rect.center))
        rects[key] = rect
        x = rect.left - pad
    return rects


BACK_LABEL = "◀ Back (Esc)"


def back_chip_room(fonts: Fonts) -> int:
    """How much of the top-right corner the back chip takes, its margin included."""
    return fonts.get("body_bold", 14).size(BACK_LABEL)[0] + 2 * fonts.px(6) + fonts.px(16)


def back_chip(surface: pygame.Surface, fonts: Fonts, theme: Theme) -> pygame.Rect:
    """The "Back (Esc)" chip in the top-right corner of full-screen menus."""
    pad = fonts.px(16)
    return chip_buttons(
        surface, [("back", BACK_LABEL)], fonts, theme, top_right=(surface.get_width() - pad, pad)
    )["back"]
