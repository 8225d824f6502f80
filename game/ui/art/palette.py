"""Colour helpers for procedural art (STORY.md palette). Must not import torch."""

from __future__ import annotations

RGB = tuple[int, int, int]

INK = (18, 12, 26)
NIGHT = (22, 16, 32)
PURPLE = (74, 44, 110)
ORANGE = (255, 154, 60)
CYAN = (94, 231, 255)
RED = (255, 84, 96)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def darker(c: RGB, amount: float) -> RGB:
    return mix(c, (0, 0, 0), amount)


def lighter(c: RGB, amount: float) -> RGB:
    return mix(c, (255, 255, 255), amount)


def hex_rgb(text: str | None, default: RGB) -> RGB:
    """`#rrggbb` -> RGB; anything else -> default."""
    if not text or len(text) != 7 or text[0] != "#":
        return default
    try:
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))
    except ValueError:
        return default
