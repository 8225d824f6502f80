"""Syntax spans: kinds for Python code, multi-line strings carried between lines, and the
per-line cache following edits."""

from __future__ import annotations

from game.text import Buffer, Editor, Highlighter, Pos
from game.text.syntax import exit_state


def kinds(spans: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {text.strip(): kind for kind, text in spans if text.strip()}


def test_kinds_of_common_tokens() -> None:
    buf = Buffer("@torch.no_grad()\ndef f(self, n=3):  # hi\n    return True and len('x\\n') + 0.5")
    hl = Highlighter(buf)
    first = kinds(hl.spans(0))
    assert first["@torch"] == "decorator"
    second = kinds(hl.spans(1))
    assert second["def"] == "keyword"
    assert second["f"] == "function"
    assert second["self"] == "self"
    assert second["3"] == "number"
    assert second["# hi"] == "comment"
    third = dict((text, kind) for kind, text in hl.spans(2))
    assert third["return"] == "keyword"
    assert third["True"] == "constant"
    assert third["and"] == "keyword"
    assert third["len"] == "builtin"
    assert third["\\n"] == "escape"
    assert third["0.5"] == "number"


def test_exit_state_tracks_triple_quotes_comments_and_escapes() -> None:
    assert exit_state('x = """doc', "") == '"""'
    assert exit_state("still doc", '"""') == '"""'
    assert exit_state('end """ + 1', '"""') == ""
    assert exit_state("y = 1  # '''", "") == ""
    assert exit_state("s = '#' + '''", "") == "'''"
    assert exit_state('a \\""" b', '"""') == '"""'
    assert exit_state("s = 'unclosed", "") == ""


def test_lines_inside_a_docstring_are_strings_and_edits_update_states() -> None:
    ed = Editor('def f():\n    """Docs\n    return 1\n    """\nx = 2')
    hl = Highlighter(ed.buffer)
    assert hl.spans(2) == (("string", "    return 1"),)
    assert kinds(hl.spans(4))["x"] == "text"
    # Closing the docstring on its first line turns line 3 back into code.
    ed.move_to(Pos(1, 11))
    ed.insert('"""')
    assert kinds(hl.spans(2))["return"] == "keyword"
    assert hl.spans(3) == (("text", "    "), ("string", '"""'))
    ed.undo()
    assert hl.spans(2) == (("string", "    return 1"),)


def test_spans_cover_each_line_exactly() -> None:
    text = "x = f'{a!r:>10}' r'\\d' b\"\\x00\"  \u00e9t\u00e9 = 1\n\t$ ?"
    buf = Buffer(text)
    hl = Highlighter(buf)
    for i, line in enumerate(buf.lines):
        assert "".join(t for _, t in hl.spans(i)) == line
