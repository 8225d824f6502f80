"""EditorWidget: the code view of an `Editor` (geometry and caches in `code_view.py`). It
turns keys and the mouse into editor commands, drags and blinks the caret; `paint.py` draws
it. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.editor.code_view import CodeView
from game.ui.editor.keys import MODIFIER_KEYS
from game.ui.editor.paint import paint
from game.ui.intents import command_held

WHEEL_LINES = 3
BLINK_S = 0.53
DOUBLE_CLICK_S = 0.45


class EditorWidget(CodeView):
    # -- input --------------------------------------------------------------------------------
    def _acted(self, reveal: bool = True) -> None:
        self._blink = 0.0
        self._busy = True
        if reveal:
            self.ensure_caret_visible()

    def type_text(self, text: str) -> None:
        self.composition = ""
        if self.editor.insert(text):
            self._acted()

    def key(self, key: int, mod: int) -> bool:
        """Run the editing command for a key press; False if the key is not the editor's."""
        ed = self.editor
        shift = bool(mod & pygame.KMOD_SHIFT)
        cmd = command_held(mod)
        word = cmd or bool(mod & pygame.KMOD_ALT)
        page = max(1, self.page_lines() - 1)
        if key == pygame.K_LEFT:
            ed.move_left(shift, word)
        elif key == pygame.K_RIGHT:
            ed.move_right(shift, word)
        elif key in (pygame.K_UP, pygame.K_DOWN) and cmd:
            self.scroll_by(-1 if key == pygame.K_UP else 1)
            return True
        elif key in (pygame.K_UP, pygame.K_DOWN):
            ed.move_vertical(-1 if key == pygame.K_UP else 1, shift)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = -page if key == pygame.K_PAGEUP else page
            self.scroll_by(step)
            ed.move_vertical(step, shift)
        elif key == pygame.K_HOME:
            ed.move_doc_start(shift) if cmd else ed.move_home(shift)
        elif key == pygame.K_END:
            ed.move_doc_end(shift) if cmd else ed.move_end(shift)
        elif key == pygame.K_BACKSPACE:
            ed.backspace(word)
        elif key == pygame.K_DELETE and shift and not cmd:
            self.clipboard.put(ed.cut())
        elif key == pygame.K_DELETE:
            ed.delete(word)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not cmd:
            ed.newline()
        elif key == pygame.K_TAB and not cmd:
            ed.dedent() if shift else ed.indent()
        elif key == pygame.K_INSERT and (cmd or shift):
            self.clipboard.put(ed.copy()) if cmd else ed.paste(self.clipboard.get())
        elif (
            cmd
            and not shift
            and key in (pygame.K_a, pygame.K_c, pygame.K_x, pygame.K_v, pygame.K_y)
        ):
            {
                pygame.K_a: ed.select_all,
                pygame.K_c: lambda: self.clipboard.put(ed.copy()),
                pygame.K_x: lambda: self.clipboard.put(ed.cut()),
                pygame.K_v: lambda: ed.paste(self.clipboard.get()),
                pygame.K_y: ed.redo,
            }[key]()
        elif cmd and key == pygame.K_z:
            ed.redo() if shift else ed.undo()
        elif cmd and key in (pygame.K_SLASH, pygame.K_KP_DIVIDE):
            ed.toggle_comment()
        else:
            # A character key (AltGr ones too) is ours: its text arrives as TEXTINPUT. Modifiers
            # and unclaimed shortcuts go on to the screen.
            return not (
                key in MODIFIER_KEYS
                or cmd
                or (mod & pygame.KMOD_ALT and not mod & pygame.KMOD_CTRL)
            )
        self._acted()
        return True

    def mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self._mouse = event.pos
            inside = self.rect.collidepoint(event.pos)
            self.hover_line = self.line_at(event.pos[1]) if inside else None
            if self._drag:
                self.editor.move_to(self.pos_at(event.pos), select=True)
                self._acted(reveal=inside)
            return self._drag
        if event.type == pygame.MOUSEBUTTONUP:
            was_dragging = self._drag and event.button == 1
            self._drag = self._drag and not was_dragging
            return was_dragging
        if event.type == pygame.MOUSEWHEEL:
            over = self.rect.collidepoint(self._mouse) if self._mouse is not None else self.focused
            if over:
                dx, dy = event.x, event.y
                if pygame.key.get_mods() & pygame.KMOD_SHIFT:
                    dx, dy = -dy, 0
                self.scroll_by(-dy * WHEEL_LINES)
                self.scroll_x_by(dx * 4 * self.renderer.char_width)
                self._busy = True
            return over
        if event.type != pygame.MOUSEBUTTONDOWN:
            return False
        self._mouse = event.pos
        if not self.rect.collidepoint(event.pos):
            return False
        if event.button == 1:
            self._click(event.pos, bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
        return True

    def _click(self, xy: tuple[int, int], shift: bool) -> None:
        pos = self.pos_at(xy)
        now = self._clock()
        last_time, last_pos, count = self._clicks
        near = last_pos.line == pos.line and abs(last_pos.col - pos.col) <= 1
        count = count % 3 + 1 if near and now - last_time < DOUBLE_CLICK_S else 1
        self._clicks = (now, pos, count)
        if xy[0] < self.text_rect.x:
            self.editor.select_line(pos.line)
        elif count == 2:
            self.editor.select_word(pos)
        elif count == 3:
            self.editor.select_line(pos.line)
        else:
            self.editor.move_to(pos, select=shift)
        self._drag = True
        self._acted()

    def stop_drag(self) -> None:
        self._drag = False

    def update(self, dt: float) -> None:
        self._blink += dt
        if self._drag and self._mouse is not None and not self.rect.collidepoint(self._mouse):
            # Dragging past the edge scrolls the text under the selection.
            if self._mouse[1] < self.rect.top:
                self.scroll_by(-1)
            elif self._mouse[1] >= self.rect.bottom:
                self.scroll_by(1)
            y = min(max(self._mouse[1], self.rect.top), self.rect.bottom - 1)
            self.editor.move_to(self.pos_at((self._mouse[0], y)), select=True)
        if not self._busy:
            self._prefetch()
        self._busy = False

    # -- drawing ------------------------------------------------------------------------------
    @property
    def caret_shown(self) -> bool:
        """The caret blinks, but stays lit while composing or right after a key."""
        return self.focused and (bool(self.composition) or self._blink % (2 * BLINK_S) < BLINK_S)

    def place_ime(self, caret: pygame.Rect) -> None:
        if self._ime_rect != caret:
            self._ime_rect = caret.copy()
            pygame.key.set_text_input_rect(caret)  # IME candidate windows open at the caret

    def draw(self, surface: pygame.Surface) -> None:
        paint(self, surface)
