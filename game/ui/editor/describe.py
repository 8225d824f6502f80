"""What the pane says in words: the message for the strip under the code, `describe()`, a
text picture of the whole pane for headless tests and logs, and `snapshot()`, its typed
description. Reads the pane's parts, changes nothing. Must not import torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.editor.strip import MORE_KEY, choose_message
from game.ui.snapshot import Ink, Snapshot

if TYPE_CHECKING:
    from game.ui.editor.pane import EditorPane


def message(pane: EditorPane) -> tuple[str, tuple[int, int, int]]:
    """What the strip under the code says now, and in which colour."""
    view = pane.widget.view
    return choose_message(
        here=view.markers.get(pane.editor.caret.line, []),
        status=pane.status,
        marked_lines=[m.line for m in pane.markers] if view.markers else [],
        palette=view.palette,
        theme=pane.theme,
    )


def snapshot(pane: EditorPane, ink: tuple[Ink, ...], min_px: int) -> Snapshot:
    """The pane as a part of a screen: its message in full (content), what it drew last frame
    (`ink`: the message, and each code line's columns whole in view) and the key that pages a
    message longer than the strip (more). The code is not content here: the caret keys, not
    `more`, bring the rest of it into view (the view follows the caret, sideways too)."""
    return Snapshot(
        screen="editor",
        content=(message(pane)[0],),
        focus="code" if pane.focused else None,
        ink=ink,
        more=(MORE_KEY,) if pane.strip.page_count > 1 else (),
        min_px=min_px,
    )


def describe(pane: EditorPane) -> str:
    """A text picture of the pane for tests and screen readers' logs."""
    ed, w, v = pane.editor, pane.widget, pane.widget.view
    start, end = ed.selection
    visible = v.visible_range()
    head = [
        f"[editor] {'focused' if pane.focused else 'unfocused'} | code {v.font_px}px ({round(pane.zoom * 100)}%)"
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
        marks = v.markers.get(i)
        flag = marks[0].kind[0].upper() if marks else ">" if i == ed.caret.line else " "
        head.append(f"{flag} {i + 1:>{width}} | {ed.buffer.line(i)}")
    head.append(pane.strip.describe())
    return "\n".join(head)
