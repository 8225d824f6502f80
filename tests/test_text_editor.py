"""Editor commands: motions, Python-aware editing, clipboard text, find and undo grouping."""

from __future__ import annotations

from game.text import Editor, Pos


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def typed(editor: Editor, text: str) -> None:
    for ch in text:
        if ch == "\n":
            editor.newline()
        else:
            editor.insert(ch)


def test_enter_auto_indents_after_colon_and_dedents_after_return() -> None:
    ed = Editor()
    typed(ed, "def f(x):\nif x:\nreturn 1\ny = 2")
    assert ed.text == "def f(x):\n    if x:\n        return 1\n    y = 2"


def test_enter_on_blank_indented_line_leaves_no_trailing_spaces() -> None:
    ed = Editor()
    typed(ed, "def f():\n\n")
    assert ed.text == "def f():\n\n    "


def test_backspace_in_indentation_goes_to_tab_stop() -> None:
    ed = Editor("        x")
    ed.move_to(Pos(0, 8))
    ed.backspace()
    assert ed.text == "    x"
    ed.move_end()
    ed.backspace()
    assert ed.text == "    "


def test_ctrl_backspace_and_ctrl_delete_remove_words() -> None:
    ed = Editor("alpha beta gamma")
    ed.move_to(Pos(0, 10))
    ed.backspace(word=True)
    assert ed.text == "alpha  gamma"
    ed.delete(word=True)
    assert ed.text == "alpha "


def test_tab_inserts_to_tab_stop_and_indents_selection() -> None:
    ed = Editor("ab\ncd\nef")
    ed.move_to(Pos(0, 1))
    ed.indent()
    assert ed.text == "a   b\ncd\nef"
    ed.undo()
    ed.move_to(Pos(0, 1))
    ed.move_to(Pos(2, 0), select=True)  # ends at column 0: line 3 is not part of it
    ed.indent()
    assert ed.text == "    ab\n    cd\nef"
    assert ed.selection == (Pos(0, 5), Pos(2, 0))
    ed.dedent()
    assert ed.text == "ab\ncd\nef"
    assert ed.history.can_undo


def test_shift_tab_without_selection_dedents_the_line() -> None:
    ed = Editor("      x")
    ed.move_end()
    ed.dedent()
    assert ed.text == "  x"
    assert ed.caret == Pos(0, 3)


def test_toggle_comment_round_trip_is_two_undo_steps() -> None:
    ed = Editor("def f():\n    return 1")
    ed.select_all()
    ed.toggle_comment()
    assert ed.text == "# def f():\n#     return 1"
    ed.toggle_comment()
    assert ed.text == "def f():\n    return 1"
    ed.undo()
    assert ed.text == "# def f():\n#     return 1"


def test_smart_home_end_and_vertical_goal_column() -> None:
    ed = Editor("    long line here\nab\n    another long one")
    ed.move_to(Pos(0, 12))
    ed.move_vertical(1)
    assert ed.caret == Pos(1, 2)
    ed.move_vertical(1)
    assert ed.caret == Pos(2, 12)
    ed.move_home()
    assert ed.caret == Pos(2, 4)
    ed.move_home(select=True)
    assert ed.selected_text == "    "
    ed.move_end()
    assert ed.caret == Pos(2, 20) and not ed.has_selection
    ed.move_vertical(5)
    assert ed.caret == Pos(2, 20)
    ed.move_vertical(-10)
    assert ed.caret == Pos(0, 0)


def test_word_moves_cross_lines() -> None:
    ed = Editor("a.b\ncd")
    ed.move_to(Pos(1, 0))
    ed.move_left(word=True)
    assert ed.caret == Pos(0, 3)
    ed.move_left(word=True)
    assert ed.caret == Pos(0, 2)
    ed.move_right(select=True, word=True)
    ed.move_right(select=True)
    ed.move_right(select=True, word=True)
    assert ed.selected_text == "b\ncd"


def test_copy_cut_paste_whole_lines_without_selection() -> None:
    ed = Editor("one\ntwo\nthree")
    ed.move_to(Pos(1, 1))
    assert ed.cut() == "two\n"
    assert ed.text == "one\nthree"
    ed.move_to(Pos(0, 2))
    ed.paste("two\n")
    assert ed.text == "two\none\nthree"
    assert ed.caret == Pos(1, 2)
    ed.move_to(Pos(2, 0))
    ed.move_to(Pos(2, 5), select=True)
    assert ed.copy() == "three"
    ed.paste("3\n3")
    assert ed.text == "two\none\n3\n3"


def test_find_wraps_and_goto_line() -> None:
    ed = Editor("x = 1\ny = X\nz = x")
    assert ed.find("x")
    assert ed.selection == (Pos(0, 0), Pos(0, 1))
    assert ed.find("x")
    assert ed.selection == (Pos(1, 4), Pos(1, 5))
    assert ed.find("x", case_sensitive=True)
    assert ed.selection == (Pos(2, 4), Pos(2, 5))
    assert ed.find("x", backwards=True, case_sensitive=True)
    assert ed.selection == (Pos(0, 0), Pos(0, 1))
    assert not ed.find("nothing")
    ed.goto_line(99)
    assert ed.caret == Pos(2, 0)


def test_typing_groups_by_word_and_pause() -> None:
    clock = FakeClock()
    ed = Editor(clock=clock)
    for ch in "hello world":
        ed.insert(ch)
        clock.now += 0.1
    clock.now += 5
    ed.insert("!")
    ed.undo()
    assert ed.text == "hello world"
    ed.undo()
    assert ed.text == "hello "
    ed.undo()
    assert ed.text == ""
    ed.redo()
    ed.redo()
    assert ed.text == "hello world"
    assert ed.caret == Pos(0, 11)


def test_backspaces_group_and_caret_move_splits_steps() -> None:
    ed = Editor("abcdef")
    ed.move_end()
    ed.backspace()
    ed.backspace()
    ed.move_left()
    ed.backspace()
    assert ed.text == "abd"
    ed.undo()
    assert ed.text == "abcd"
    ed.undo()
    assert ed.text == "abcdef"
    assert ed.caret == Pos(0, 6)


def test_set_text_is_one_step_and_keeps_caret_after_the_change() -> None:
    ed = Editor("import torch\n\nx = 1\ny = 2\n")
    ed.move_to(Pos(3, 3))
    assert ed.set_text("import torch\n\nx = 100\ny = 2\n")
    assert ed.caret == Pos(3, 3)
    assert not ed.set_text(ed.text)
    ed.undo()
    assert ed.text == "import torch\n\nx = 1\ny = 2\n"


def test_new_edit_clears_redo() -> None:
    ed = Editor()
    ed.insert("a")
    ed.undo()
    ed.insert("b")
    assert not ed.redo()
    assert ed.text == "b"
