"""Where everything in the lab terminal goes, for any window size and font scale.

Three arrangements, the roomiest that fits: "split" (the brief on the left; code, buttons and
results stacked on the right), "tabs" (the brief on the left; code and results share the right
side as two tabs) and "all_tabs" (brief, code and results as three full-width tabs, for big
fonts in small windows). When room is short the buttons drop the line naming their keys (the
hint bar at the bottom still names them). Which buttons there are, with what labels, follows
from the run's state (`button_specs`). Pure geometry: must not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import pygame

from game.ui.fonts import Fonts
from game.ui.widgets.draw import Hint, hint_bar_height
from game.ui.widgets.textfit import wrap

Mode = Literal["split", "tabs", "all_tabs"]
Pane = Literal["editor", "brief", "results"]
TAB_TITLES: dict[Pane, str] = {"brief": "Brief", "editor": "Code", "results": "Results"}


@dataclass
class TerminalButton:
    key: str  # run, try, hint, device, cancel or back
    text: str
    keys: str  # the keyboard way to the same action, e.g. "Ctrl+Enter"
    enabled: bool = True
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


@dataclass
class TerminalLayout:
    mode: Mode
    brief: pygame.Rect
    editor: pygame.Rect
    results: pygame.Rect
    buttons: list[TerminalButton]
    tabs: list[tuple[Pane, pygame.Rect]]  # pane key and the tab's rect (empty when "split")
    keys_shown: bool  # whether buttons show their keys under the label

    def shows(self, pane: str, shown: str) -> bool:
        """Whether `pane` is on screen when the tabs show `shown`."""
        if self.mode == "split" or (self.mode == "tabs" and pane == "brief"):
            return True
        return pane == shown


def button_specs(
    *, running: bool, continues: bool, solution: bool, hints_left: bool, device: str
) -> list[TerminalButton]:
    """The action buttons: Run (Continue once Submit returns to the story), Try, Hint (Solution
    once the Professor's annotated solution is open to the player), Device, and Cancel while a
    run is in flight, else Back."""
    return [
        TerminalButton("run", "Continue" if continues else "Run", "Ctrl+Enter", not running),
        TerminalButton("try", "Try", "Ctrl+Shift+Enter", not running),
        TerminalButton("hint", "Solution", "F1", True)
        if solution
        else TerminalButton("hint", "Hint", "F1", hints_left),
        TerminalButton("device", f"Device: {device}", "F2", not running),
        TerminalButton("cancel", "Cancel", "Esc")
        if running
        else TerminalButton("back", "Back", "Esc"),
    ]


def header_lines(fonts: Fonts, width: int, title: str) -> list[str]:
    """The header's title, wrapped to the window (never cut short)."""
    return wrap(fonts.get("heading", 20), f"LAB TERMINAL · {title}", width - 2 * fonts.px(12))


def header_height(fonts: Fonts, width: int = 0, title: str = "") -> int:
    lines = len(header_lines(fonts, width, title)) if title else 1
    return (
        lines * fonts.get("heading", 20).get_linesize()
        + fonts.get("body", 13).get_linesize()
        + 2 * fonts.px(12)
    )


def plan(
    size: tuple[int, int],
    fonts: Fonts,
    buttons: Sequence[TerminalButton],
    title: str = "",
    hints: list[Hint] | None = None,
) -> TerminalLayout:
    """The layout above a hint bar holding `hints` on as many rows as they wrap onto."""
    w, h = size
    pad, gap = fonts.px(12), fonts.px(6)
    top = header_height(fonts, w, title)
    body = pygame.Rect(
        pad, top, w - 2 * pad, max(1, h - top - hint_bar_height(fonts, hints or [], w) - pad)
    )
    left_w = min(max(fonts.px(240), int(body.width * 0.36)), body.width // 2)
    brief = pygame.Rect(body.x, body.y, left_w, body.height)
    right = pygame.Rect(brief.right + pad, body.y, body.right - brief.right - pad, body.height)
    tool_h = _place_buttons(buttons, fonts, right, True)
    if right.height - tool_h >= fonts.px(330):
        editor_h = int((right.height - tool_h) * 0.58)
        editor = pygame.Rect(right.x, right.y, right.width, editor_h)
        for button in buttons:
            button.rect.y += editor.bottom + gap
        results = pygame.Rect(
            right.x,
            editor.bottom + tool_h + gap,
            right.width,
            right.bottom - editor.bottom - tool_h - gap,
        )
        return TerminalLayout("split", brief, editor, results, list(buttons), [], True)
    # Code and results no longer fit one above the other. Beside a brief wide enough to read
    # (and code wide enough to write) they share the right side; else all three take turns.
    mode: Mode = "tabs" if right.width >= fonts.px(520) else "all_tabs"
    area = right if mode == "tabs" else body
    tool_h = _place_buttons(buttons, fonts, area, False)
    for button in buttons:
        button.rect.y += area.y
    keys: tuple[Pane, ...] = (
        ("editor", "results") if mode == "tabs" else ("brief", "editor", "results")
    )
    tab_h = fonts.get("body_bold", 15).get_linesize() + gap
    step = (area.width + gap) // len(keys)
    tabs = [
        (key, pygame.Rect(area.x + i * step, area.y + tool_h, step - gap, tab_h))
        for i, key in enumerate(keys)
    ]
    pane_top = area.y + tool_h + tab_h + gap
    pane = pygame.Rect(area.x, pane_top, area.width, max(1, area.bottom - pane_top))
    return TerminalLayout(
        mode, brief if mode == "tabs" else pane, pane, pane, list(buttons), tabs, False
    )


def button_height(fonts: Fonts, with_keys: bool) -> int:
    keys = fonts.get("mono", 12).get_linesize() if with_keys else 0
    return fonts.get("body_bold", 16).get_linesize() + keys + fonts.px(8)


def _place_buttons(
    buttons: Sequence[TerminalButton], fonts: Fonts, area: pygame.Rect, with_keys: bool
) -> int:
    """Lay the buttons out from `area`'s left edge in as many rows as its width needs (y
    relative to the first row); returns the height they take, the gap below included."""
    font, key_font = fonts.get("body_bold", 16), fonts.get("mono", 12)
    height, gap = button_height(fonts, with_keys), fonts.px(6)
    x, row = area.x, 0
    for button in buttons:
        width = font.size(button.text)[0] + fonts.px(20)
        if with_keys:
            width = max(width, key_font.size(button.keys)[0] + fonts.px(20))
        if x + width > area.right and x > area.x:
            x, row = area.x, row + 1
        button.rect = pygame.Rect(x, row * (height + gap), min(width, area.width), height)
        x += width + gap
    return (row + 1) * (height + gap)
