"""EditorWidget: the code widget. It owns the text (a pure `Editor` from game.text), and the
parts that show and change it: the view (`CodeView`: rect, scrolling, look, decorations), the
input router (`EditRouter`: key-table actions -> edits), the pointer (`Pointer`: clicks, drags,
wheel), plus the caret's blink and the IME composition. `paint.py` draws it.
Must not import torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from game.text import Editor
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.code_view import CodeView
from game.ui.editor.keys import EDITOR_KEYS, MODIFIER_KEYS
from game.ui.editor.paint import paint
from game.ui.editor.pointer import Pointer
from game.ui.editor.router import KEEPS_CARET, EditRouter
from game.ui.fonts import Fonts
from game.ui.intents import command_held
from game.ui.theme import Theme

BLINK_S = 0.53


class EditorWidget:
    def __init__(
        self,
        editor: Editor,
        fonts: Fonts,
        theme: Theme,
        clipboard: Clipboard,
        *,
        clock: Callable[[], float] = time.monotonic,
        zoom: float = 1.0,
    ) -> None:
        self.editor = editor
        self.clipboard = clipboard
        self.view = CodeView(editor, fonts, theme, zoom=zoom)
        self.router = EditRouter(editor, clipboard, self.view)
        self.pointer = Pointer(
            editor, self.view, acted=self._acted, scrolled=self._scrolled, clock=clock
        )
        self.focused = True
        self.composition = ""  # IME text being composed, shown at the caret
        self._blink = 0.0
        self._busy = False  # input arrived this frame: draw it first, prefetch later
        self._ime_rect: pygame.Rect | None = None

    # -- input --------------------------------------------------------------------------------
    def _acted(self, reveal: bool = True) -> None:
        self._blink = 0.0
        self._busy = True
        if reveal:
            self.view.ensure_caret_visible()

    def _scrolled(self) -> None:
        self._busy = True

    def type_text(self, text: str) -> None:
        self.composition = ""
        if self.editor.insert(text):
            self._acted()

    def key(self, key: int, mod: int) -> bool:
        """Run the editing command for a key press (from the key table's code editor rows);
        False if the key is not the editor's."""
        action = EDITOR_KEYS.action(key, mod)
        if action is None or not self.router.handles(action):
            # A character key (AltGr ones too) is ours: its text arrives as TEXTINPUT. Modifiers
            # and unclaimed shortcuts go on to the screen.
            return not (
                key in MODIFIER_KEYS
                or command_held(mod)
                or (mod & pygame.KMOD_ALT and not mod & pygame.KMOD_CTRL)
            )
        by_words = command_held(mod) or bool(mod & pygame.KMOD_ALT)
        self.router.run(action, bool(mod & pygame.KMOD_SHIFT), by_words)
        if action not in KEEPS_CARET:
            self._acted()
        return True

    def mouse(self, event: pygame.event.Event) -> bool:
        return self.pointer.event(event, focused=self.focused)

    def stop_drag(self) -> None:
        self.pointer.dragging = False

    def update(self, dt: float) -> None:
        self._blink += dt
        self.pointer.update()
        if not self._busy:
            self.view.prefetch()
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
