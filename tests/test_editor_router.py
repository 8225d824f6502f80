"""The editor's input router alone: key-table actions become edits of a pure Editor, with a
fake clipboard and a fake view (no window, no pygame events)."""

from __future__ import annotations

import sys

from game.text import Editor, Pos
from game.ui.editor.router import KEEPS_CARET, EditRouter
from game.ui.keymap import KeyMap


class FakeClip:
    def __init__(self) -> None:
        self.text = ""

    def put(self, text: str) -> None:
        self.text = text

    def get(self) -> str:
        return self.text


class FakeView:
    def __init__(self, page: int = 5) -> None:
        self.page, self.scrolled = page, 0

    def scroll_by(self, lines: int) -> None:
        self.scrolled += lines

    def page_lines(self) -> int:
        return self.page


def make(text: str) -> tuple[Editor, FakeClip, FakeView, EditRouter]:
    ed, clip, view = Editor(text), FakeClip(), FakeView()
    return ed, clip, view, EditRouter(ed, clip, view)


def test_the_router_needs_no_pygame() -> None:
    assert "pygame" not in vars(sys.modules["game.ui.editor.router"])


def test_every_action_it_knows_is_a_code_editor_key() -> None:
    _, _, _, router = make("")
    table = {action for _, action in KeyMap().dispatch_table(editor=True)}
    assert router.actions <= table
    assert router.actions >= KEEPS_CARET
    assert not router.handles("find") and not router.handles(None)
    assert not router.run("find", False, False)  # the pane's, not an edit


def test_moves_select_with_shift_and_go_by_words() -> None:
    ed, _, _, router = make("alpha beta gamma")
    ed.move_doc_end()
    assert router.run("move_left", False, True)
    assert ed.caret == Pos(0, 11)
    router.run("line_start", True, False)
    assert ed.selected_text == "alpha beta "
    router.run("erase_back", False, False)
    assert ed.text == "gamma"


def test_typing_commands_undo_and_clipboard() -> None:
    ed, clip, _, router = make("def f():")
    ed.move_doc_end()
    router.run("newline", False, False)
    assert ed.text == "def f():\n    "  # auto-indent after the colon
    router.run("undo", False, False)
    assert ed.text == "def f():"
    router.run("redo", False, False)
    router.run("select_all", False, False)
    router.run("cut", False, False)
    assert clip.text == "def f():\n    " and ed.text == ""
    router.run("paste", False, False)
    router.run("paste", False, False)
    assert ed.text == "def f():\n    def f():\n    "
    router.run("select_all", False, False)
    router.run("comment", False, False)
    assert ed.lines[0].startswith("# ")


def test_paging_scrolls_the_view_and_moves_the_caret_a_page_less_one() -> None:
    ed, _, view, router = make("\n".join(str(i) for i in range(30)))
    router.run("move_page_down", False, False)
    assert view.scrolled == 4 and ed.caret.line == 4
    router.run("move_page_up", True, False)
    assert view.scrolled == 0 and ed.caret.line == 0 and ed.selected_text == "0\n1\n2\n3\n"
    router.run("scroll_down", False, False)
    assert view.scrolled == 1 and ed.caret.line == 0  # scrolling leaves the caret be
