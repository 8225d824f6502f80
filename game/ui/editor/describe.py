"""What the pane says in words: the message strip under the code (runner finding on the
caret's line, the latest status, where the marks are, or key hints) and `describe()`, a text
picture of the whole pane for headless tests. Must not import torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.keymap import KeyMap

if TYPE_CHECKING:
    from game.ui.editor.pane import EditorPane

HINTS = " · ".join(f"{keys} {label}" for keys, label in KeyMap().hints("editor"))


def message(pane: EditorPane) -> tuple[str, tuple[int, int, int]]:
    """What the strip under the code says, and in which colour."""
    here = pane.widget.markers.get(pane.editor.caret.line)
    if here:
        text = " ".join(f"Line {m.line} ({m.kind}): {m.message}" for m in here)
        return text, pane.widget.palette.markers[here[0].kind]
    if pane.status:
        return pane.status, pane.theme.text
    if pane.widget.markers:
        numbers = sorted({m.line for m in pane.markers})
        where = (
            f"line {numbers[0]}" if len(numbers) == 1 else "lines " + ", ".join(map(str, numbers))
        )
        return (
            f"Marked in the gutter: {where}. Put the caret there (Ctrl+G) or hover to read why.",
            pane.theme.warning,
        )
    return HINTS, pane.theme.text_dim


def describe(pane: EditorPane) -> str:
    """A text picture of the pane for tests and screen readers' logs."""
    ed, w = pane.editor, pane.widget
    start, end = ed.selection
    visible = w.visible_range()
    head = [
        f"[editor] {'focused' if pane.focused else 'unfocused'} | code {w.font_px}px ({round(pane.zoom * 100)}%)"
        f" | lines {visible.start + 1}-{visible.stop} of {ed.buffer.line_count}"
        f" | caret {ed.caret.line + 1}:{ed.caret.col + 1}"
        + (
            f" | selected {len(ed.selected_text)} chars from {start.line + 1}:{start.col + 1} to {end.line + 1}:{end.col + 1}"
            if ed.has_selection
            else ""
        ),
        "[toolbar] " + " | ".join(b.label for b in pane.buttons),
    ]
    if pane.find_bar.mode is not None:
        head.append(pane.find_bar.describe())
    if pane.confirm is not None:
        head.append(pane.confirm.describe())
    if w.composition:
        head.append(f'[composing] "{w.composition}"')
    width = len(str(ed.buffer.line_count))
    for i in visible:
        marks = w.markers.get(i)
        flag = marks[0].kind[0].upper() if marks else ">" if i == ed.caret.line else " "
        head.append(f"{flag} {i + 1:>{width}} | {ed.buffer.line(i)}")
    head.append(f"[message] {message(pane)[0]}")
    return "\n".join(head)
