"""Property tests: any sequence of editor commands keeps the buffer consistent, undoing back to
the start restores the exact text, redoing replays to the exact end, and the incremental
syntax states agree with a fresh highlighter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.text import Editor, Highlighter, Pos
from game.text.syntax import exit_state

ALPHABET = st.sampled_from([*list("ab _:#'\"\n\t("), "def ", "return ", '"""', "é"])
TEXT = st.lists(ALPHABET, max_size=8).map("".join)
POS = st.builds(Pos, st.integers(-1, 6), st.integers(-1, 12))
FLAG = st.booleans()

OPS = st.one_of(
    st.tuples(st.just("insert"), TEXT),
    st.tuples(st.just("paste"), TEXT),
    st.tuples(st.just("set_text"), TEXT),
    st.tuples(st.just("move_to"), POS, FLAG),
    st.tuples(st.just("move_left"), FLAG, FLAG),
    st.tuples(st.just("move_right"), FLAG, FLAG),
    st.tuples(st.just("move_vertical"), st.integers(-3, 3), FLAG),
    st.tuples(st.just("move_home"), FLAG),
    st.tuples(st.just("move_end"), FLAG),
    st.tuples(st.just("backspace"), FLAG),
    st.tuples(st.just("delete"), FLAG),
    st.tuples(
        st.sampled_from(
            [
                "newline",
                "indent",
                "dedent",
                "toggle_comment",
                "select_all",
                "cut",
                "copy",
                "undo",
                "redo",
            ]
        )
    ),
    st.tuples(st.just("select_word"), POS),
    st.tuples(st.just("find"), st.sampled_from(["a", "b", ":", "#"]), FLAG),
)


class Clock:
    """Time moves on irregularly so pauses sometimes split undo steps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.4
        return self.now


def run(editor: Editor, op: tuple) -> None:
    name, *args = op
    if name == "find":
        editor.find(args[0], backwards=args[1])
    else:
        getattr(editor, name)(*args)


def check_consistent(editor: Editor, highlighter: Highlighter) -> None:
    buf = editor.buffer
    assert buf.line_count >= 1
    assert editor.text == "\n".join(buf.lines)
    assert "\r" not in editor.text and "\t" not in editor.text
    assert buf.clamp(editor.caret) == editor.caret
    assert buf.clamp(editor.anchor) == editor.anchor
    state = ""
    for i, line in enumerate(buf.lines):
        assert highlighter.entry_state(i) == state
        assert "".join(text for _, text in highlighter.spans(i)) == line
        state = exit_state(line, state)


@settings(max_examples=150, deadline=None)
@given(start=TEXT, ops=st.lists(OPS, max_size=40))
def test_random_edits_stay_consistent_and_undo_redo_exactly(start: str, ops: list[tuple]) -> None:
    editor = Editor(start, clock=Clock())
    highlighter = Highlighter(editor.buffer)
    original = editor.text
    for op in ops:
        run(editor, op)
        check_consistent(editor, highlighter)
    # Drop whatever redo history the sequence left, so "final" is where the redos lead.
    while editor.redo():
        pass
    final = editor.text
    while editor.undo():
        check_consistent(editor, highlighter)
    assert editor.text == original
    while editor.redo():
        check_consistent(editor, highlighter)
    assert editor.text == final
