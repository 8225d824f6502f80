"""EditRouter: the input router of the code editor. It owns the map from the key table's
`code editor` actions (game.ui.keymap: `move_left`, `undo`, `paste`...) to edits of the pure
`Editor`, the clipboard and the view's scrolling. Which key means which action is the key
table's business (the widget looks it up); this part only knows what each action does. No
pygame here: the widget hands over the action and whether Shift and Ctrl/Alt were held.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from game.text import Editor

# Scrolling leaves the caret where it is; every other action brings it into view.
KEEPS_CARET = frozenset({"scroll_up", "scroll_down"})


class Clip(Protocol):
    def put(self, text: str) -> None: ...

    def get(self) -> str: ...


class Scroller(Protocol):
    def scroll_by(self, lines: int) -> None: ...

    def page_lines(self) -> int: ...


Command = Callable[[bool, bool], object]  # (Shift held, by words) -> anything


class EditRouter:
    def __init__(self, editor: Editor, clipboard: Clip, view: Scroller) -> None:
        self._editor, self._clipboard, self._view = editor, clipboard, view
        self._commands = self._table()

    @property
    def actions(self) -> frozenset[str]:
        """Every action this router turns into an edit."""
        return frozenset(self._commands)

    def handles(self, action: str | None) -> bool:
        return action in self._commands

    def run(self, action: str, shift: bool, by_words: bool) -> bool:
        """Do `action` (Shift extends the selection, `by_words` moves and erases by words);
        False if it is no editing action."""
        command = self._commands.get(action)
        if command is None:
            return False
        command(shift, by_words)
        return True

    def _by_page(self, direction: int, shift: bool) -> None:
        step = direction * max(1, self._view.page_lines() - 1)
        self._view.scroll_by(step)
        self._editor.move_vertical(step, shift)

    def _table(self) -> dict[str, Command]:
        ed, clip, view = self._editor, self._clipboard, self._view
        return {
            "move_left": ed.move_left,
            "move_right": ed.move_right,
            "move_up": lambda shift, _: ed.move_vertical(-1, shift),
            "move_down": lambda shift, _: ed.move_vertical(1, shift),
            "scroll_up": lambda *_: view.scroll_by(-1),
            "scroll_down": lambda *_: view.scroll_by(1),
            "move_page_up": lambda shift, _: self._by_page(-1, shift),
            "move_page_down": lambda shift, _: self._by_page(1, shift),
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
