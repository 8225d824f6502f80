"""Drawing the lab terminal's frame: the header (title, device, status and run progress), the
action buttons and the pane tabs. The layout comes from `terminal_layout`; this only paints,
and words the header's device line. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.fonts import Fonts
from game.ui.screens.terminal_layout import TAB_TITLES, Pane, TerminalButton, header_lines
from game.ui.theme import Theme
from game.ui.widgets.draw import label
from game.ui.widgets.ink import LOG
from game.ui.widgets.textfit import ellipsize, text_surface

RGB = tuple[int, int, int]


def device_text(chosen: str, *, offline: bool, found: list[str] | None) -> str:
    """The header's device line: the player's choice and what the runner found for it."""
    if offline:
        return "runner offline"
    if found is None:
        return f"device: {chosen} (runner warming up)"
    if chosen == "auto":
        return f"device: auto → {'cuda' if 'cuda' in found else 'cpu'}"
    missing = "" if chosen in found else " (not found: runs will fail)"
    return f"device: {chosen}{missing}"


def draw_header(
    surface: pygame.Surface,
    fonts: Fonts,
    theme: Theme,
    *,
    title: str,
    device: str,
    status: str,
    status_color: RGB,
    progress: float | None,
) -> None:
    """The title, wrapped over as many lines as it needs; under it the device, the status
    and, while running, a progress bar (at `progress`, 0 to 1)."""
    w = surface.get_width()
    pad = fonts.px(12)
    y = pad
    for line in header_lines(fonts, w, title):
        label(surface, line, (pad, y), fonts, theme.accent, role="heading", base=20)
        y += fonts.get("heading", 20).get_linesize()
    dev_rect = label(
        surface,
        device,
        (pad, y + fonts.px(2)),
        fonts,
        theme.accent2,
        role="mono_bold",
        base=13,
        max_width=w // 2,
    )
    y += fonts.px(2)
    right = w - pad
    if progress is not None:
        bar = pygame.Rect(0, 0, fonts.px(160), fonts.px(8))
        bar.midright = (right, y + fonts.get("body", 13).get_linesize() // 2)
        pygame.draw.rect(surface, theme.border, bar, border_radius=3)
        pygame.draw.rect(
            surface,
            theme.accent2,
            (bar.x, bar.y, max(4, int(bar.width * progress)), bar.height),
            border_radius=3,
        )
        right = bar.left - pad
    if status:
        left = dev_rect.right + 2 * pad
        label(
            surface,
            status,
            (left, y),
            fonts,
            status_color,
            base=13,
            max_width=max(40, right - left),
        )


def draw_buttons(
    surface: pygame.Surface,
    buttons: Sequence[TerminalButton],
    fonts: Fonts,
    theme: Theme,
    *,
    keys_shown: bool,
) -> None:
    font, key_font = fonts.get("body_bold", 16), fonts.get("mono", 12)
    for b in buttons:
        primary = b.key == "run"
        fill = theme.accent if primary and b.enabled else theme.panel_alt
        pygame.draw.rect(surface, fill, b.rect, border_radius=6)
        pygame.draw.rect(surface, theme.border, b.rect, 1, border_radius=6)
        color = theme.bg if primary and b.enabled else (theme.text if b.enabled else theme.text_dim)
        room = b.rect.width - fonts.px(8)
        texts = [(font, b.text)] + ([(key_font, b.keys)] if keys_shown else [])
        lines = [(f, ellipsize(f, t, room), t) for f, t in texts]
        top = b.rect.centery - sum(f.get_height() for f, _, _ in lines) // 2
        for f, shown, whole in lines:
            surf = text_surface(f, shown, color)
            spot = surface.blit(surf, surf.get_rect(midtop=(b.rect.centerx, top)))
            LOG.record(surface, whole if shown == whole else shown.rstrip("…"), f, spot)
            top += surf.get_height()


def draw_tabs(
    surface: pygame.Surface,
    tabs: Sequence[tuple[Pane, pygame.Rect]],
    shown: str,
    fonts: Fonts,
    theme: Theme,
) -> None:
    for key, rect in tabs:
        on = key == shown
        pygame.draw.rect(surface, theme.panel_alt if on else theme.panel, rect, border_radius=6)
        pygame.draw.rect(
            surface, theme.accent2 if on else theme.border, rect, 2 if on else 1, border_radius=6
        )
        # The shown tab says so in a mark too, not by colour alone.
        title = f"▶ {TAB_TITLES[key]}" if on else TAB_TITLES[key]
        font = fonts.get("body_bold", 15)
        text = f"{title} (F3)" if font.size(f"{title} (F3)")[0] <= rect.width - 8 else title
        label(
            surface,
            text,
            rect.center,
            fonts,
            theme.text if on else theme.text_dim,
            role="body_bold",
            base=15,
            anchor="center",
            max_width=rect.width - 8,
        )


def draw_focus(surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts, theme: Theme) -> None:
    """Corner brackets around the focused pane: a shape, so focus does not rest on a border
    colour alone (colour-blind players, greyscale screens)."""
    box = rect.inflate(2 * fonts.px(4), 2 * fonts.px(4))
    arm, width = max(8, min(box.w, box.h) // 6), max(3, fonts.px(3))
    for (x, y), (dx, dy) in (
        (box.topleft, (1, 1)),
        ((box.right - 1, box.top), (-1, 1)),
        ((box.left, box.bottom - 1), (1, -1)),
        ((box.right - 1, box.bottom - 1), (-1, -1)),
    ):
        pygame.draw.line(surface, theme.accent2, (x, y), (x + dx * arm, y), width)
        pygame.draw.line(surface, theme.accent2, (x, y), (x, y + dy * arm), width)
