"""EditorWidget: the code view of an `Editor` (geometry and caches in `code_view.py`). It
turns keys and the mouse into editor commands, drags and blinks the caret; `paint.py` draws
it. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.editor.code_view import CodeView
from game.ui.editor.keys import MODIFIER_KEYS
from game.ui.editor.paint import paint
from game.ui.intents import KeyDispatch, command_held

EDITOR_KEYS = KeyDispatch(editor=True)
_KEEPS_CARET = frozenset({"scroll_up", "scroll_down"})  # scrolling leaves the caret be
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
        """Run the editing command for a key press (from the key table's code editor rows);
        False if the key is not the editor's."""
        action = EDITOR_KEYS.action(key, mod)
        command = self._commands().get(action) if action else None
        if command is None:
            # A character key (AltGr ones too) is ours: its text arrives as TEXTINPUT. Modifiers
            # and unclaimed shortcuts go on to the screen.
            return not (
                key in MODIFIER_KEYS
                or command_held(mod)
                or (mod & pygame.KMOD_ALT and not mod & pygame.KMOD_CTRL)
            )
        command(bool(mod & pygame.KMOD_SHIFT), command_held(mod) or bool(mod & pygame.KMOD_ALT))
        if action not in _KEEPS_CARET:
            self._acted()
        return True

    def _commands(self) -> dict[str, Callable[[bool, bool], object]]:
        """The editor's command per action; each gets (Shift held, by words)."""
        ed, clip = self.editor, self.clipboard
        page = max(1, self.page_lines() - 1)

        def by_page(step: int, shift: bool) -> None:
            self.scroll_by(step)
            ed.move_vertical(step, shift)

        return {
            "move_left": ed.move_left,
            "move_right": ed.move_right,
            "move_up": lambda shift, _: ed.move_vertical(-1, shift),
            "move_down": lambda shift, _: ed.move_vertical(1, shift),
            "scroll_up": lambda *_: self.scroll_by(-1),
            "scroll_down": lambda *_: self.scroll_by(1),
            "move_page_up": lambda shift, _: by_page(-page, shift),
            "move_page_down": lambda shift, _: by_page(page, shift),
            "line_start": lambda shift, _: ed.move_home(shift),
            "line_end": lambda shift, _: ed.move_end(shift),
            "doc_start": lambda shift, _: ed.move_doc_start(shift),
            "doc_end": lambda shift, _: ed.move_doc_end(shift),
            "erase_back": lambda _, word: ed.backspace(word),
            "erase_forward": lambda _, word: ed.delete(word),
            "newline": lambda *_: ed.newline(),
            "indent": lambda *_: ed.indent(),
            "dedent": lambda *_: ed.dedent(),
            "copy": lambda *_: clip.put(ed.copy()),
            "cut": lambda *_: clip.put(ed.cut()),
            "paste": lambda *_: ed.paste(clip.get()),
            "select_all": lambda *_: ed.select_all(),
            "undo": lambda *_: ed.undo(),
            "redo": lambda *_: ed.redo(),
            "comment": lambda *_: ed.toggle_comment(),
        }

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
