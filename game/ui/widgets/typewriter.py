"""Typewriter: one line of dialogue being typed out. It owns the laid-out text, how much of it
shows, and drawing the shown part so the newest words stay in view (a line taller than its box
scrolls by whole lines, never cutting one in half). The scene says which line, how wide, how
fast and how much time passed; the typewriter can be driven and tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.widgets.richtext import RichText


class Typewriter:
    def __init__(self) -> None:
        self.text: RichText | None = None
        self.revealed = 0.0  # characters shown, fractional between frames
        self._key: tuple[object, ...] = ()

    @property
    def typing(self) -> bool:
        return self.text is not None and self.revealed < self.text.chars

    def restart(self) -> None:
        """A new line: type it from its first character (laid out at the next `set_text`)."""
        self.revealed = 0.0
        self._key = ()

    def complete(self) -> None:
        """Show the whole line at once."""
        self.revealed = float(self.text.chars if self.text else 0)

    def set_text(
        self, key: tuple[object, ...], make: Callable[[], RichText | None], *, instant: bool
    ) -> None:
        """Lay the line out again (`make`) only when `key` changed (which line, the width,
        fonts, theme); `instant` shows it whole, for a text speed of zero."""
        if key == self._key:
            return
        self._key = key
        self.text = make()
        if instant:
            self.complete()

    def tick(self, dt: float, chars_per_s: float) -> None:
        if self.text is not None and self.typing:
            self.revealed = (
                float(self.text.chars) if chars_per_s <= 0 else self.revealed + chars_per_s * dt
            )

    def first_hidden_line(self) -> int:
        """The text line the typing has reached (the last one with a shown character) plus 1."""
        assert self.text is not None
        shown, consumed, last_line = int(self.revealed), 0, 0
        for piece in self.text.pieces:
            if consumed >= shown:
                break
            consumed += piece.chars
            last_line = piece.line
        return last_line + 1

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        if self.text is None:
            return
        text = self.text
        visible = max(1, area.height // text.line_height)
        offset = max(0, self.first_hidden_line() - visible) * text.line_height
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(area.x, area.y, area.width, visible * text.line_height))
        text.draw(surface, (area.x, area.y - offset), reveal=int(self.revealed))
        surface.set_clip(clip)
