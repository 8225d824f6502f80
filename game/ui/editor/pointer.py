"""Pointer: the mouse over the code view. It owns where the pointer is, the line it hovers,
click counting (a double click selects a word, a triple click or a click in the gutter the
line), dragging a selection (past the edge it scrolls the text under it) and the wheel. It
moves the caret through the `Editor`, scrolls through the `CodeView`, and tells its owner
through two callbacks: `acted(reveal)` after it moved the caret, `scrolled()` after the wheel.
Must not import torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from game.text import Editor, Pos
from game.ui.editor.code_view import CodeView

WHEEL_LINES = 3
DOUBLE_CLICK_S = 0.45


class Pointer:
    def __init__(
        self,
        editor: Editor,
        view: CodeView,
        *,
        acted: Callable[[bool], None],
        scrolled: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._editor, self._view = editor, view
        self._acted, self._scrolled = acted, scrolled
        self._clock = clock
        self.hover_line: int | None = None
        self.dragging = False
        self._at: tuple[int, int] | None = None
        self._clicks: tuple[float, Pos, int] = (-1.0, Pos(-1, -1), 0)

    def event(self, event: pygame.event.Event, *, focused: bool) -> bool:
        """Handle one mouse event; True if it was the code view's. Without a known pointer
        position the wheel scrolls the view when it has the keyboard focus."""
        if event.type == pygame.MOUSEMOTION:
            return self._moved(event.pos)
        if event.type == pygame.MOUSEBUTTONUP:
            was_dragging = self.dragging and event.button == 1
            self.dragging = self.dragging and not was_dragging
            return was_dragging
        if event.type == pygame.MOUSEWHEEL:
            return self._wheel(event.x, event.y, focused)
        if event.type != pygame.MOUSEBUTTONDOWN:
            return False
        self._at = event.pos
        if not self._view.rect.collidepoint(event.pos):
            return False
        if event.button == 1:
            self._click(event.pos, bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
        return True

    def _moved(self, xy: tuple[int, int]) -> bool:
        view = self._view
        self._at = xy
        inside = view.rect.collidepoint(xy)
        self.hover_line = view.line_at(xy[1]) if inside else None
        if self.dragging:
            self._editor.move_to(view.pos_at(xy), select=True)
            self._acted(inside)
        return self.dragging

    def _wheel(self, dx: int, dy: int, focused: bool) -> bool:
        view = self._view
        over = view.rect.collidepoint(self._at) if self._at is not None else focused
        if over:
            if pygame.key.get_mods() & pygame.KMOD_SHIFT:
                dx, dy = -dy, 0
            view.scroll_by(-dy * WHEEL_LINES)
            view.scroll_x_by(dx * 4 * view.renderer.char_width)
            self._scrolled()
        return over

    def _click(self, xy: tuple[int, int], shift: bool) -> None:
        ed, pos = self._editor, self._view.pos_at(xy)
        now = self._clock()
        last_time, last_pos, count = self._clicks
        near = last_pos.line == pos.line and abs(last_pos.col - pos.col) <= 1
        count = count % 3 + 1 if near and now - last_time < DOUBLE_CLICK_S else 1
        self._clicks = (now, pos, count)
        if xy[0] < self._view.text_rect.x:
            ed.select_line(pos.line)
        elif count == 2:
            ed.select_word(pos)
        elif count == 3:
            ed.select_line(pos.line)
        else:
            ed.move_to(pos, select=shift)
        self.dragging = True
        self._acted(True)

    def update(self) -> None:
        """While a drag is held outside the view, scroll towards the pointer and extend the
        selection to the line at the edge."""
        view, at = self._view, self._at
        if not self.dragging or at is None or view.rect.collidepoint(at):
            return
        if at[1] < view.rect.top:
            view.scroll_by(-1)
        elif at[1] >= view.rect.bottom:
            view.scroll_by(1)
        y = min(max(at[1], view.rect.top), view.rect.bottom - 1)
        self._editor.move_to(view.pos_at((at[0], y)), select=True)
