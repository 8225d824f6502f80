"""Making text fit: how many characters fit a width, word wrap (breaking words longer than a
line), ellipsis, and the one cache of rendered text surfaces that every screen shares.

Every loop here is bounded: text is cut to what a line could ever show before it is measured,
fits are found by bisection, and the cache is limited by the bytes its surfaces hold, not by
their count (at 200% one label of player output can be megabytes).
Must not import torch.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

RGB = tuple[int, int, int]

# No glyph of a usable font is narrower than one pixel, so a line `width` pixels wide never
# shows more than `width` characters; measuring more would only cost time.
_MAX_RENDER_CHARS = 4000  # the last guard: even a 4K screen holds fewer at the smallest size
CACHE_BYTES = 48 * 1024 * 1024

_CONTROL = {c: "�" for c in [*range(0, 9), *range(11, 32), 127]}


def printable(text: str) -> str:
    """Text a font can draw: tabs become spaces, other control characters (a player may
    print NUL or escape codes) a replacement mark; newlines are kept for wrapping."""
    return text.expandtabs(4).translate(_CONTROL)


def fit_count(font: pygame.font.Font, text: str, width: int, suffix: str = "") -> int:
    """How many leading characters of `text` (followed by `suffix`) fit `width` pixels."""
    text = text[: max(0, width) + 1]
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid] + suffix)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def ellipsize(font: pygame.font.Font, text: str, width: int) -> str:
    """`text` on one line, cut with an ellipsis so it fits `width` pixels ("" if not even
    the ellipsis does)."""
    text = printable(text).replace("\n", " ")
    head = text[: max(0, width) + 1]
    if len(head) == len(text) and font.size(text)[0] <= width:
        return text
    keep = fit_count(font, head, width, "…")
    if keep:
        return head[:keep] + "…"
    return "…" if font.size("…")[0] <= width else ""


def _break_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """Split one over-long word into pieces that each fit `width` (at least one char each)."""
    pieces: list[str] = []
    while word:
        cut = max(1, fit_count(font, word, width))
        pieces.append(word[:cut])
        word = word[cut:]
    return pieces


def wrap(font: pygame.font.Font, text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width` pixels; explicit newlines are kept. With
    `max_lines`, wrapping stops there and the last line ends in an ellipsis if text was left."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in printable(text.replace("\r\n", "\n")).split("\n"):
        if max_lines is not None and len(lines) > max_lines:
            break
        stripped = paragraph.lstrip(" ")
        line, has_word = paragraph[: len(paragraph) - len(stripped)], False
        for word in stripped.split(" "):
            if max_lines is not None and len(lines) > max_lines:
                break
            candidate = f"{line} {word}" if has_word else line + word
            if len(candidate) <= width and font.size(candidate)[0] <= width:
                line, has_word = candidate, True
                continue
            if has_word:
                lines.append(line)
            if len(word) <= width and font.size(word)[0] <= width:
                line = word
            else:
                *full, line = _break_word(font, word, width)
                lines.extend(full)
            has_word = True
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = last[: fit_count(font, last, width, "…")] + "…"
    return lines


class SurfaceCache:
    """Rendered text surfaces keyed by font, text and colour; the least recently used are
    dropped once the surfaces held pass `budget` bytes."""

    def __init__(self, budget: int = CACHE_BYTES):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[tuple[pygame.font.Font, str, RGB], pygame.Surface] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def render(self, font: pygame.font.Font, text: str, color: RGB) -> pygame.Surface:
        text = printable(text).replace("\n", " ")[:_MAX_RENDER_CHARS]
        key = (font, text, color)
        surface = self._items.get(key)
        if surface is not None:
            self._items.move_to_end(key)
            return surface
        surface = font.render(text, True, color)
        self._items[key] = surface
        self.used += _bytes(surface)
        while self.used > self.budget and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self.used -= _bytes(old)
        return surface

    def clear(self) -> None:
        self._items.clear()
        self.used = 0


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_pitch() * surface.get_height()


TEXT = SurfaceCache()


def text_surface(font: pygame.font.Font, text: str, color: RGB) -> pygame.Surface:
    """`font.render` through the shared cache: labels, buttons and key hints redraw every
    frame, and rendering glyphs is the costliest part of a frame."""
    return TEXT.render(font, text, color)
