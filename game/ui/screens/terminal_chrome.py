"""Drawing the lab terminal's frame: the header (title, device, status and run progress), the
action buttons and the pane tabs. The layout comes from `terminal_layout`; this only paints.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.fonts import Fonts
from game.ui.screens.terminal_layout import TAB_TITLES, TerminalButton
from game.ui.theme import Theme
from game.ui.widgets.draw import label
from game.ui.widgets.textfit import ellipsize, text_surface

RGB = tuple[int, int, int]


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
    """Title and device on the first line; status and, while running, a progress bar (at
    `progress`, 0 to 1) on the second."""
    w = surface.get_width()
    pad = fonts.px(12)
    dev_rect = label(
        surface,
        device,
        (w - pad, pad),
        fonts,
        theme.accent2,
        role="mono_bold",
        base=15,
        anchor="topright",
        max_width=w // 2,
    )
    heading = label(
        surface,
        f"LAB TERMINAL · {title}",
        (pad, pad),
        fonts,
        theme.accent,
        role="heading",
        base=20,
        max_width=max(40, dev_rect.left - 3 * pad),
    )
    y = heading.bottom + fonts.px(2)
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
        label(
            surface,
            status,
            (pad, y),
            fonts,
            status_color,
            base=13,
            max_width=max(40, right - 2 * pad),
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
        lines = [text_surface(font, ellipsize(font, b.text, room), color)]
        if keys_shown:
            lines.append(text_surface(key_font, ellipsize(key_font, b.keys, room), color))
        top = b.rect.centery - sum(s.get_height() for s in lines) // 2
        for line in lines:
            surface.blit(line, line.get_rect(midtop=(b.rect.centerx, top)))
            top += line.get_height()


def draw_tabs(
    surface: pygame.Surface,
    tabs: Sequence[tuple[str, pygame.Rect]],
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
        title = TAB_TITLES[key]
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
