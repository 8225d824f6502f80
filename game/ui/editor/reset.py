"""ResetQuestion: "Reset to the starter code?" It owns the puzzle's starter code and the
question while it is asked (a `Confirm`); a yes puts the starter back through the `Editor`
(the player's code stays in the undo history) and calls `done` with what to tell the player.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.text import Editor
from game.ui.editor.confirm import Confirm
from game.ui.theme import Theme


class ResetQuestion:
    def __init__(self, editor: Editor, starter: str | None, done: Callable[[str], None]) -> None:
        self._editor, self._starter, self._done = editor, starter, done
        self.asked: Confirm | None = None  # the question, while it waits for an answer

    @property
    def available(self) -> bool:
        return self._starter is not None

    def ask(self) -> None:
        if self._starter is None:
            return
        self.asked = Confirm(
            "Reset to the starter code?",
            "Your code stays in the undo history: Ctrl+Z brings it back.",
            "Reset",
            "Keep my code",
            self._reset,
        )

    def dismiss(self) -> bool:
        """Take the question away unanswered; False if none was asked."""
        was_asked, self.asked = self.asked is not None, None
        return was_asked

    def key(self, key: int) -> None:
        if self.asked is not None:
            self.asked.key(key)
            self._settle()

    def text(self, text: str) -> None:
        if self.asked is not None:
            self.asked.text(text)
            self._settle()

    def click(self, xy: tuple[int, int]) -> None:
        if self.asked is not None:
            self.asked.click(xy)
            self._settle()

    def _settle(self) -> None:
        if self.asked is not None and self.asked.answer is not None:
            self.asked = None

    def _reset(self) -> None:
        assert self._starter is not None
        if self._editor.set_text(self._starter):
            self._done("Starter code restored. Ctrl+Z brings your code back.")
        else:
            self._done("This already is the starter code.")

    def draw(
        self,
        surface: pygame.Surface,
        over: pygame.Rect,
        fonts: tuple[pygame.font.Font, pygame.font.Font],
        theme: Theme,
    ) -> None:
        if self.asked is not None:
            self.asked.draw(surface, over, fonts, theme)
