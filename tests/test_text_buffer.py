"""Buffer, positions, cleaning and the Python-aware line plans (pure, no pygame)."""

from __future__ import annotations

from game.text import pyedit
from game.text.buffer import Buffer, Pos, clean_text, end_of
from game.text.words import smart_home, word_at, word_left, word_right


def test_end_of_counts_lines_and_columns() -> None:
    assert end_of(Pos(2, 3), "ab") == Pos(2, 5)
    assert end_of(Pos(2, 3), "ab\ncde") == Pos(3, 3)
    assert end_of(Pos(0, 0), "\n") == Pos(1, 0)


def test_clean_text_normalises_newlines_tabs_and_controls() -> None:
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("\tx\ny\tz") == "    x\ny   z"
    assert clean_text("a\x00b\x1bc") == "abc"


def test_replace_and_get_across_lines() -> None:
    buf = Buffer("one\ntwo\nthree")
    seen: list[int] = []
    buf.listeners.append(seen.append)
    assert buf.get(Pos(0, 1), Pos(2, 2)) == "ne\ntwo\nth"
    end = buf.replace(Pos(0, 1), Pos(2, 2), "X\nY")
    assert buf.text == "oX\nYree"
    assert end == Pos(1, 1)
    assert seen == [0]
    assert buf.clamp(Pos(9, 9)) == Pos(1, 4)
    assert Buffer("").lines == [""]


def test_word_motions_and_smart_home() -> None:
    line = "    total = torch.sum(x_1)  "
    assert word_right(line, 0) == 9
    assert word_right(line, 9) == 11
    assert word_left(line, 21) == 18
    assert word_left(line, 4) == 0
    assert word_at(line, 6) == (4, 9)
    assert word_at(line, 9) == (4, 9)  # just after a word still picks it
    assert word_at(line, 23) == (22, 25)
    assert smart_home(line, 12) == 4
    assert smart_home(line, 4) == 0
    assert smart_home(line, 0) == 4


def test_newline_indent_rules() -> None:
    assert pyedit.newline_indent("def f(x):") == "    "
    assert pyedit.newline_indent("    if x:  # colon here:") == "        "
    assert pyedit.newline_indent("    s = 'a:'") == "    "
    assert pyedit.newline_indent("        return x") == "    "
    assert pyedit.newline_indent("    x = 1") == "    "


def test_code_part_keeps_hashes_in_strings() -> None:
    assert pyedit.code_part("x = '#no' # yes") == "x = '#no' "
    assert pyedit.code_part('s = "a\\"#" + 1') == 's = "a\\"#" + 1'


def test_comment_plan_comments_at_common_indent_and_back() -> None:
    lines = ["    a = 1", "", "        b = 2"]
    plan = pyedit.toggle_comment_lines(lines, 0, 2)
    assert [(e.line, e.col, e.insert) for e in plan] == [(0, 4, "# "), (2, 4, "# ")]
    commented = ["    # a = 1", "", "    #    b = 2"]
    back = pyedit.toggle_comment_lines(commented, 0, 2)
    assert [(e.line, e.col, e.remove) for e in back] == [(0, 4, 2), (2, 4, 2)]
