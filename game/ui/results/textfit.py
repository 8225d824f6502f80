"""Making text fit a width: word wrap (breaking words longer than a line), ellipsis, and a small
cache of rendered text surfaces so redraws never re-render the same string.
Must not import torch.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

RGB = tuple[int, int, int]


_CONTROL = {c: "�" for c in [*range(0, 9), *range(11, 32), 127]}


def printable(text: str) -> str:
    """Text a font can draw: tabs become spaces, other control characters (a player may
    print NUL or escape codes) a replacement mark; newlines are kept for wrapping."""
    return text.expandtabs(4).translate(_CONTROL)


def _break_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """Split one over-long word into pieces that each fit `width` (at least one char each)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and font.size(current + ch)[0] > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Lines of `text` no wider than `width` pixels; explicit newlines are kept."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in printable(text.replace("\r\n", "\n")).split("\n"):
        stripped = paragraph.lstrip(" ")
        line, has_word = paragraph[: len(paragraph) - len(stripped)], False
        for word in stripped.split(" "):
            candidate = f"{line} {word}" if has_word else line + word
            if font.size(candidate)[0] <= width:
                line, has_word = candidate, True
                continue
            if has_word:
                lines.append(line)
            if font.size(word)[0] <= width:
                line = word
            else:
                *full, line = _break_word(font, word, width)
                lines.extend(full)
            has_word = True
        lines.append(line)
    return lines


def ellipsize(font: pygame.font.Font, text: str, width: int) -> str:
    """`text` cut with an ellipsis so it fits `width` pixels."""
    text = printable(text).replace("\n", " ")
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid] + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…" if lo else ""


class TextCache:
    """Rendered text surfaces keyed by font, text and colour; least recently used dropped."""

    def __init__(self, capacity: int = 2048):
        self._capacity = capacity
        self._items: OrderedDict[tuple[pygame.font.Font, str, RGB], pygame.Surface] = OrderedDict()

    def render(self, font: pygame.font.Font, text: str, color: RGB) -> pygame.Surface:
        text = printable(text).replace("\n", " ")
        key = (font, text, color)
        surface = self._items.get(key)
        if surface is None:
            surface = font.render(text, True, color)
            self._items[key] = surface
            if len(self._items) > self._capacity:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return surface

    def clear(self) -> None:
        self._items.clear()
