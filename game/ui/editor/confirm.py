"""A question asked inside the pane (Reset to starter?), answered with the mouse, Tab/arrows
and Enter, or Y/N. The safe answer has focus first. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.editor.chrome import Button, draw_lines
from game.ui.editor.keys import FIELD_KEYS
from game.ui.theme import Theme
from game.ui.widgets.textfit import text_surface, wrap

_SWITCH = frozenset({"tab", "tab_back", "left", "right"})
_PRESS = frozenset({"confirm", "advance"})  # Enter, and Space as on any button


class Confirm:
    def __init__(
        self, question: str, detail: str, yes: str, no: str, on_yes: Callable[[], object]
    ) -> None:
        self.question, self.detail = question, detail
        self.answer: bool | None = None
        self._on_yes = on_yes
        self.buttons = [
            Button(no, lambda: self._answer(False)),
            Button(yes, lambda: self._answer(True)),
        ]
        self.selected = 0
        self.box = pygame.Rect(0, 0, 0, 0)

    def _answer(self, yes: bool) -> None:
        self.answer = yes
        if yes:
            self._on_yes()

    def key(self, key: int) -> None:
        action = FIELD_KEYS.action(key, 0)
        if action in _SWITCH:
            self.selected = 1 - self.selected
        elif action in _PRESS:
            self.buttons[self.selected].action()

    def text(self, text: str) -> None:
        if text.lower() in ("y", "n"):
            self._answer(text.lower() == "y")

    def click(self, xy: tuple[int, int]) -> None:
        for button in self.buttons:
            if button.rect.collidepoint(xy):
                button.action()

    def describe(self) -> str:
        labels = " ".join(
            f"[{b.label}]" + ("*" if i == self.selected else "") for i, b in enumerate(self.buttons)
        )
        return f"[confirm] {self.question} {self.detail} {labels}"

    def draw(
        self,
        surface: pygame.Surface,
        area: pygame.Rect,
        fonts: tuple[pygame.font.Font, pygame.font.Font],
        theme: Theme,
    ) -> None:
        title_font, font = fonts
        pad = 14
        width = min(area.w - 2 * pad, max(360, area.w // 2))
        detail = wrap(font, self.detail, width - 2 * pad)
        button_h = font.get_linesize() + 10
        height = title_font.get_linesize() + len(detail) * font.get_linesize() + button_h + 4 * pad
        self.box = pygame.Rect(0, 0, width, height)
        self.box.center = area.center
        self.box.clamp_ip(area)
        pygame.draw.rect(surface, theme.panel, self.box, border_radius=8)
        pygame.draw.rect(surface, theme.accent, self.box, 2, border_radius=8)
        x, y = self.box.x + pad, self.box.y + pad
        surface.blit(text_surface(title_font, self.question, theme.accent), (x, y))
        y += title_font.get_linesize() + pad // 2
        draw_lines(surface, detail, font, theme.text, x, y)
        y = self.box.bottom - pad - button_h
        right = self.box.right - pad
        for i, button in reversed(list(enumerate(self.buttons))):
            button.fit(font, 0, y, button_h)
            button.rect.right = right
            right = button.rect.x - pad
            button.draw(surface, font, theme, hovered=False, focused=i == self.selected)
