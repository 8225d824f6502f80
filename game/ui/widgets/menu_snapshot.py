"""A menu's share of its screen's snapshot: its items as choices, the focused one, where each
item can be clicked (only the part in view) and the keys that bring hidden items into view.
Must not import torch.
"""

from __future__ import annotations

from typing import Any

from game.ui.snapshot import Box, Choice
from game.ui.widgets.menu import Menu


def menu_parts(menu: Menu) -> dict[str, Any]:
    return {
        "choices": choices(menu),
        "focus": focus(menu),
        "targets": targets(menu),
        "more": more_keys(menu),
    }


def choices(menu: Menu) -> tuple[Choice, ...]:
    return tuple(
        Choice(it.key, menu.label_of(i), it.enabled, it.detail) for i, it in enumerate(menu.items)
    )


def focus(menu: Menu) -> str | None:
    return menu.label_of(menu.selected) if menu.items else None


def more_keys(menu: Menu) -> tuple[str, ...]:
    if not menu.overflows:
        return ()
    ways = (("page down", menu.scroll < menu.max_scroll), ("page up", menu.scroll > 0))
    return tuple(key for key, on in ways if on)


def targets(menu: Menu) -> dict[str, Box]:
    view = menu.view
    out: dict[str, Box] = {}
    for i, item in enumerate(menu.items):
        box = menu.item_box(i).clip(view)
        if box.height > 0:
            out[f"item:{item.key}"] = (box.x, box.y, box.w, box.h)
    for word, rect in menu.signs.items():
        out[f"marker:{word}"] = (rect.x, rect.y, rect.w, rect.h)
    return out
