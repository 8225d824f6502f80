"""Draws an `EditorWidget`: background, current line, runner-marker tints, find matches,
selection, highlighted code, caret with IME composition, gutter with line numbers and marker
dots, scrollbar. Reads the widget, changes nothing but the IME position. Must not import torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.editor.render import BLEND

if TYPE_CHECKING:
    from game.ui.editor.widget import EditorWidget


def paint(w: EditorWidget, surface: pygame.Surface) -> None:
    """Draw the code view into `w.rect`: only the visible lines, from cached surfaces."""
    pal, ed, r = w.palette, w.editor, w.rect
    tr, lh, pad = w.text_rect, w.line_height, w.pad
    old_clip = surface.get_clip()
    surface.set_clip(tr.clip(old_clip))
    surface.fill(pal.background, tr)
    start, end = ed.selection
    left = tr.x + pad - w.scroll_x
    visible = w.visible_range()
    first_col, last_col = w.visible_cols()
    for i in visible:
        y = r.y + (i - w.scroll_line) * lh
        marks = w.markers.get(i)
        if marks:
            surface.fill(pal.marker_line[marks[0].kind], (tr.x, y, tr.w, lh))
        elif i == ed.caret.line and w.focused:
            surface.fill(pal.current_line, (tr.x, y, tr.w, lh))
        line = ed.buffer.line(i)
        for m_start, m_end in w.matches_by_line.get(i, ()):
            x0, x1 = w.x_of(m_start), w.x_of(m_end)
            surface.fill(pal.find_match, (left + x0, y, max(2, x1 - x0), lh))
        if start.line <= i <= end.line and start != end:
            x0 = w.x_of(start) if i == start.line else 0
            x1 = w.x_of(end) if i == end.line else w.renderer.width_of(line) + w.renderer.char_width
            surface.fill(pal.selection, (left + x0, y, max(0, x1 - x0), lh))
        for x, piece in w.renderer.pieces(
            w.highlighter.key(i), line, w.highlighter.spans(i), first_col, last_col
        ):
            surface.blit(piece, (left + x, y), special_flags=BLEND)
    _caret(w, surface)
    surface.set_clip(r.clip(old_clip))
    _gutter(w, surface, visible, tr.x)
    _scrollbar(w, surface)
    surface.set_clip(old_clip)


def _gutter(w: EditorWidget, surface: pygame.Surface, visible: range, right: int) -> None:
    pal, cw, lh, r = w.palette, w.renderer.char_width, w.line_height, w.rect
    surface.fill(pal.gutter, (r.x, r.y, right - r.x, r.h))
    caret_line = w.editor.caret.line
    radius = max(3, cw // 2 - 1)
    for i in visible:
        y = r.y + (i - w.scroll_line) * lh
        number = w.renderer.text(
            str(i + 1), pal.gutter_current if i == caret_line else pal.gutter_text
        )
        surface.blit(number, (right - cw - number.get_width(), y), special_flags=BLEND)
        marks = w.markers.get(i)
        if marks:
            colour = pal.markers[marks[0].kind]
            pygame.draw.circle(surface, colour, (r.x + cw, y + lh // 2), radius)
            surface.fill(colour, (right - 3, y, 3, lh))


def _caret(w: EditorWidget, surface: pygame.Surface) -> None:
    if not w.focused:
        return
    caret = w.caret_screen_rect()
    if w.composition:
        shown = w.renderer.text(w.composition, w.palette.tokens["text"])
        box = pygame.Rect(caret.x, caret.y, shown.get_width(), w.line_height)
        surface.fill(w.palette.current_line, box)
        surface.blit(shown, box.topleft, special_flags=BLEND)
        surface.fill(w.palette.caret, (box.x, box.bottom - 2, box.w, 2))
        caret.x = box.right
    w.place_ime(caret)
    if w.caret_shown:
        surface.fill(w.palette.caret, caret)


def _scrollbar(w: EditorWidget, surface: pygame.Surface) -> None:
    count, page = w.editor.buffer.line_count, w.page_lines()
    if count <= page:
        return
    r = w.rect
    height = max(w.line_height, r.h * page // count)
    top = r.y + (r.h - height) * w.scroll_line // max(1, w.max_scroll_line())
    surface.fill(w.palette.scrollbar, (r.right - 6, top, 5, height))
