"""Draws an `EditorWidget`: background, current line, runner-marker tints, find matches,
selection, highlighted code, a sign (a framed arrow) at each edge past which a line's text goes
on, caret with IME composition, gutter with line numbers and marker dots, scrollbar. Each
line's whole visible columns go to the ink log, so the pane's snapshot says what can be read. Reads the widget and its view, changes nothing but the IME position.
Must not import torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.text import Pos
from game.ui.editor.render import BLEND
from game.ui.widgets.ink import LOG

if TYPE_CHECKING:
    from game.ui.editor.code_view import CodeView
    from game.ui.editor.widget import EditorWidget


def paint(w: EditorWidget, surface: pygame.Surface) -> None:
    """Draw the code view into its rect: only the visible lines, from cached surfaces."""
    v, ed = w.view, w.editor
    pal, r = v.palette, v.rect
    tr, lh, pad = v.text_rect, v.line_height, v.pad
    old_clip = surface.get_clip()
    surface.set_clip(tr.clip(old_clip))
    surface.fill(pal.background, tr)
    start, end = ed.selection
    left = tr.x + pad - v.scroll_x
    visible = v.visible_range()
    first_col, last_col = v.visible_cols()
    for i in visible:
        y = r.y + (i - v.scroll_line) * lh
        marks = v.markers.get(i)
        if marks:
            surface.fill(pal.marker_line[marks[0].kind], (tr.x, y, tr.w, lh))
        elif i == ed.caret.line and w.focused:
            surface.fill(pal.current_line, (tr.x, y, tr.w, lh))
        line = ed.buffer.line(i)
        for m_start, m_end in v.matches_by_line.get(i, ()):
            x0, x1 = v.x_of(m_start), v.x_of(m_end)
            surface.fill(pal.find_match, (left + x0, y, max(2, x1 - x0), lh))
        if start.line <= i <= end.line and start != end:
            x0 = v.x_of(start) if i == start.line else 0
            x1 = v.x_of(end) if i == end.line else v.renderer.width_of(line) + v.renderer.char_width
            surface.fill(pal.selection, (left + x0, y, max(0, x1 - x0), lh))
        for x, piece in v.renderer.pieces(
            v.highlighter.key(i), line, v.highlighter.spans(i), first_col, last_col
        ):
            surface.blit(piece, (left + x, y), special_flags=BLEND)
        _cut_edges(v, surface, i, y)
    _caret(w, surface)
    surface.set_clip(r.clip(old_clip))
    _gutter(v, surface, visible, tr.x)
    _scrollbar(v, surface)
    surface.set_clip(old_clip)


def _cut_edges(v: CodeView, surface: pygame.Surface, i: int, y: int) -> None:
    """Signs where line `i` runs past the view, and its readable part as ink."""
    tr, lh, sign = v.text_rect, v.line_height, v.sign_width
    first, stop, more_left, more_right = v.shown(i)
    line = v.editor.buffer.line(i)
    left = tr.x + v.pad - v.scroll_x
    x0, x1 = left + v.x_of(Pos(i, first)), left + v.x_of(Pos(i, stop))
    LOG.record(surface, line[first:stop], v.renderer.font, pygame.Rect(x0, y, x1 - x0, lh))
    for side, on in ((-1, more_left), (1, more_right)):
        if on:
            box = pygame.Rect(tr.x if side < 0 else tr.right - sign, y, sign, lh)
            _arrow(v, surface, box, side)


def _arrow(v: CodeView, surface: pygame.Surface, box: pygame.Rect, side: int) -> None:
    """A filled triangle pointing off the view (`side` -1: left, 1: right) on a framed tab."""
    pal = v.palette
    surface.fill(pal.gutter, box)
    edge = box.left if side < 0 else box.right - 1
    inner = box.right - 1 if side < 0 else box.left
    pygame.draw.line(surface, pal.gutter_current, (inner, box.top), (inner, box.bottom - 1))
    half_w, half_h = max(2, box.w * 3 // 10), max(3, box.h // 4)
    tip = edge - side * max(1, box.w // 6)
    back = tip - side * 2 * half_w
    points = [(tip, box.centery), (back, box.centery - half_h), (back, box.centery + half_h)]
    pygame.draw.polygon(surface, pal.gutter_current, points)


def _gutter(v: CodeView, surface: pygame.Surface, visible: range, right: int) -> None:
    pal, cw, lh, r = v.palette, v.renderer.char_width, v.line_height, v.rect
    surface.fill(pal.gutter, (r.x, r.y, right - r.x, r.h))
    caret_line = v.editor.caret.line
    radius = max(3, cw // 2 - 1)
    for i in visible:
        y = r.y + (i - v.scroll_line) * lh
        number = v.renderer.text(
            str(i + 1), pal.gutter_current if i == caret_line else pal.gutter_text
        )
        surface.blit(number, (right - cw - number.get_width(), y), special_flags=BLEND)
        marks = v.markers.get(i)
        if marks:
            colour = pal.markers[marks[0].kind]
            pygame.draw.circle(surface, colour, (r.x + cw, y + lh // 2), radius)
            surface.fill(colour, (right - 3, y, 3, lh))


def _caret(w: EditorWidget, surface: pygame.Surface) -> None:
    if not w.focused:
        return
    v = w.view
    caret = v.caret_screen_rect()
    if w.composition:
        shown = v.renderer.text(w.composition, v.palette.tokens["text"])
        box = pygame.Rect(caret.x, caret.y, shown.get_width(), v.line_height)
        surface.fill(v.palette.current_line, box)
        surface.blit(shown, box.topleft, special_flags=BLEND)
        surface.fill(v.palette.caret, (box.x, box.bottom - 2, box.w, 2))
        caret.x = box.right
    w.place_ime(caret)
    if w.caret_shown:
        surface.fill(v.palette.caret, caret)


def _scrollbar(v: CodeView, surface: pygame.Surface) -> None:
    count, page = v.editor.buffer.line_count, v.page_lines()
    if count <= page:
        return
    r = v.rect
    height = max(v.line_height, r.h * page // count)
    top = r.y + (r.h - height) * v.scroll_line // max(1, v.max_scroll_line())
    surface.fill(v.palette.scrollbar, (r.right - 6, top, 5, height))
