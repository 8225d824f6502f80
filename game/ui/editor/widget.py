"""EditorWidget: the code view of an `Editor`. It owns scrolling and geometry (where each line
and column is on screen), turns keys and the mouse into editor commands, and keeps the line
caches warm; `paint.py` draws it. Must not import torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from game.text import Editor, Highlighter, Marker, Pos
from game.text.find import Match
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.keys import MODIFIER_KEYS
from game.ui.editor.palette import palette_for
from game.ui.editor.paint import paint
from game.ui.editor.render import LineRenderer
from game.ui.fonts import Fonts, font
from game.ui.intents import command_held
from game.ui.theme import Theme

BASE_PX = 17
WHEEL_LINES = 3
BLINK_S = 0.53
DOUBLE_CLICK_S = 0.45
PREFETCH_BUDGET_S = 0.004  # of an idle frame's 16 ms


class EditorWidget:
    def __init__(
        self,
        editor: Editor,
        fonts: Fonts,
        theme: Theme,
        clipboard: Clipboard,
        *,
        clock: Callable[[], float] = time.monotonic,
        zoom: float = 1.0,
    ) -> None:
        self.editor = editor
        self.highlighter = Highlighter(editor.buffer)
        self.clipboard = clipboard
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll_line = 0
        self.scroll_x = 0
        self.zoom = zoom
        self.focused = True
        self.markers: dict[int, list[Marker]] = {}  # by 0-based line
        self.composition = ""  # IME text being composed, shown at the caret
        self.hover_line: int | None = None
        self.matches_by_line: dict[int, list[Match]] = {}
        self._fonts, self._theme = fonts, theme
        self._clock = clock
        self._blink = 0.0
        self._drag = False
        self._clicks: tuple[float, Pos, int] = (-1.0, Pos(-1, -1), 0)
        self._mouse: tuple[int, int] | None = None
        self._ime_rect: pygame.Rect | None = None
        self._prefetched: tuple[int, int, int] | None = None
        self._busy = False  # input arrived this frame: draw it first, prefetch later
        self._rebuild()

    # -- look ---------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.font_px = max(8, round(BASE_PX * self._fonts.scale * self.zoom))
        self.palette = palette_for(self._theme)
        self.renderer = LineRenderer(font("mono", self.font_px), self.palette)
        self._prefetched = None
        self.ensure_caret_visible()

    def set_fonts(self, fonts: Fonts) -> None:
        self._fonts = fonts
        self._rebuild()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._rebuild()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._rebuild()

    def set_matches(self, matches: list[Match]) -> None:
        self.matches_by_line = {}
        for match in matches:
            self.matches_by_line.setdefault(match[0].line, []).append(match)

    # -- geometry -----------------------------------------------------------------------------
    @property
    def line_height(self) -> int:
        return self.renderer.line_height

    @property
    def gutter_width(self) -> int:
        digits = max(3, len(str(self.editor.buffer.line_count)))
        return (digits + 3) * self.renderer.char_width

    @property
    def text_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x + self.gutter_width, self.rect.y, max(0, self.rect.w - self.gutter_width), self.rect.h)

    @property
    def pad(self) -> int:
        return self.renderer.char_width // 2

    def page_lines(self) -> int:
        return max(1, self.rect.h // self.line_height)

    def visible_range(self) -> range:
        count = self.editor.buffer.line_count
        return range(self.scroll_line, min(count, self.scroll_line + self.page_lines() + 1))

    def x_of(self, pos: Pos) -> int:
        """Horizontal offset of `pos` from the start of its line, in pixels."""
        return self.renderer.width_of(self.editor.buffer.line(pos.line)[: pos.col])

    def line_at(self, y: int) -> int:
        line = self.scroll_line + (y - self.rect.y) // self.line_height
        return min(max(line, 0), self.editor.buffer.line_count - 1)

    def pos_at(self, xy: tuple[int, int]) -> Pos:
        line = self.line_at(xy[1])
        text = self.editor.buffer.line(line)
        x = xy[0] - self.text_rect.x - self.pad + self.scroll_x
        cw = self.renderer.char_width
        if text.isascii():
            return Pos(line, min(max(0, (x + cw // 2) // cw), len(text)))
        left = 0
        for col, ch in enumerate(text):
            width = self.renderer.width_of(ch)
            if x < left + width / 2:
                return Pos(line, col)
            left += width
        return Pos(line, len(text))

    def visible_cols(self) -> tuple[int, int]:
        cw = self.renderer.char_width
        return self.scroll_x // cw, (self.scroll_x + self.text_rect.w) // cw + 1

    def max_scroll_line(self) -> int:
        return max(0, self.editor.buffer.line_count - self.page_lines())

    def scroll_by(self, lines: int) -> None:
        self.scroll_line = min(max(self.scroll_line + lines, 0), self.max_scroll_line())

    def scroll_x_by(self, pixels: int) -> None:
        widest = max((self.renderer.width_of(self.editor.buffer.line(i)) for i in self.visible_range()), default=0)
        self.scroll_x = min(max(self.scroll_x + pixels, 0), max(0, widest + self.pad * 2 - self.text_rect.w // 2))

    def ensure_caret_visible(self) -> None:
        caret = self.editor.caret
        page = self.page_lines()
        if caret.line < self.scroll_line:
            self.scroll_line = caret.line
        elif caret.line >= self.scroll_line + page:
            self.scroll_line = caret.line - page + 1
        self.scroll_line = min(self.scroll_line, max(caret.line, self.max_scroll_line()))
        x = self.x_of(caret)
        margin = 4 * self.renderer.char_width
        width = self.text_rect.w - 2 * self.pad
        if x < self.scroll_x + margin:
            self.scroll_x = max(0, x - margin)
        elif x > self.scroll_x + width - margin:
            self.scroll_x = x - width + margin

    def caret_screen_rect(self) -> pygame.Rect:
        caret = self.editor.caret
        tr = self.text_rect
        x = tr.x + self.pad + self.x_of(caret) - self.scroll_x
        y = self.rect.y + (caret.line - self.scroll_line) * self.line_height
        return pygame.Rect(x, y, max(2, self.font_px // 9), self.line_height)

    # -- input --------------------------------------------------------------------------------
    def _acted(self, reveal: bool = True) -> None:
        self._blink = 0.0
        self._busy = True
        if reveal:
            self.ensure_caret_visible()

    def type_text(self, text: str) -> None:
        self.composition = ""
        if self.editor.insert(text):
            self._acted()

    def key(self, key: int, mod: int) -> bool:
        """Run the editing command for a key press; False if the key is not the editor's."""
        ed = self.editor
        shift = bool(mod & pygame.KMOD_SHIFT)
        cmd = command_held(mod)
        word = cmd or bool(mod & pygame.KMOD_ALT)
        page = max(1, self.page_lines() - 1)
        if key == pygame.K_LEFT:
            ed.move_left(shift, word)
        elif key == pygame.K_RIGHT:
            ed.move_right(shift, word)
        elif key in (pygame.K_UP, pygame.K_DOWN) and cmd:
            self.scroll_by(-1 if key == pygame.K_UP else 1)
            return True
        elif key in (pygame.K_UP, pygame.K_DOWN):
            ed.move_vertical(-1 if key == pygame.K_UP else 1, shift)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = -page if key == pygame.K_PAGEUP else page
            self.scroll_by(step)
            ed.move_vertical(step, shift)
        elif key == pygame.K_HOME:
            ed.move_doc_start(shift) if cmd else ed.move_home(shift)
        elif key == pygame.K_END:
            ed.move_doc_end(shift) if cmd else ed.move_end(shift)
        elif key == pygame.K_BACKSPACE:
            ed.backspace(word)
        elif key == pygame.K_DELETE and shift and not cmd:
            self.clipboard.put(ed.cut())
        elif key == pygame.K_DELETE:
            ed.delete(word)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not cmd:
            ed.newline()
        elif key == pygame.K_TAB and not cmd:
            ed.dedent() if shift else ed.indent()
        elif key == pygame.K_INSERT and (cmd or shift):
            self.clipboard.put(ed.copy()) if cmd else ed.paste(self.clipboard.get())
        elif cmd and not shift and key in (pygame.K_a, pygame.K_c, pygame.K_x, pygame.K_v, pygame.K_y):
            {
                pygame.K_a: ed.select_all,
                pygame.K_c: lambda: self.clipboard.put(ed.copy()),
                pygame.K_x: lambda: self.clipboard.put(ed.cut()),
                pygame.K_v: lambda: ed.paste(self.clipboard.get()),
                pygame.K_y: ed.redo,
            }[key]()
        elif cmd and key == pygame.K_z:
            ed.redo() if shift else ed.undo()
        elif cmd and key in (pygame.K_SLASH, pygame.K_KP_DIVIDE):
            ed.toggle_comment()
        elif key in MODIFIER_KEYS or cmd or (mod & pygame.KMOD_ALT and not mod & pygame.KMOD_CTRL):
            return False
        else:
            return True  # a character key (AltGr ones too): its text arrives as TEXTINPUT
        self._acted()
        return True

    def mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self._mouse = event.pos
            inside = self.rect.collidepoint(event.pos)
            self.hover_line = self.line_at(event.pos[1]) if inside else None
            if self._drag:
                self.editor.move_to(self.pos_at(event.pos), select=True)
                self._acted(reveal=inside)
            return self._drag
        if event.type == pygame.MOUSEBUTTONUP:
            was_dragging = self._drag and event.button == 1
            self._drag = self._drag and not was_dragging
            return was_dragging
        if event.type == pygame.MOUSEWHEEL:
            over = self.rect.collidepoint(self._mouse) if self._mouse is not None else self.focused
            if over:
                dx, dy = event.x, event.y
                if pygame.key.get_mods() & pygame.KMOD_SHIFT:
                    dx, dy = -dy, 0
                self.scroll_by(-dy * WHEEL_LINES)
                self.scroll_x_by(dx * 4 * self.renderer.char_width)
                self._busy = True
            return over
        if event.type != pygame.MOUSEBUTTONDOWN:
            return False
        self._mouse = event.pos
        if not self.rect.collidepoint(event.pos):
            return False
        if event.button == 1:
            self._click(event.pos, bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
        return True

    def _click(self, xy: tuple[int, int], shift: bool) -> None:
        pos = self.pos_at(xy)
        now = self._clock()
        last_time, last_pos, count = self._clicks
        near = last_pos.line == pos.line and abs(last_pos.col - pos.col) <= 1
        count = count % 3 + 1 if near and now - last_time < DOUBLE_CLICK_S else 1
        self._clicks = (now, pos, count)
        if xy[0] < self.text_rect.x:
            self.editor.select_line(pos.line)
        elif count == 2:
            self.editor.select_word(pos)
        elif count == 3:
            self.editor.select_line(pos.line)
        else:
            self.editor.move_to(pos, select=shift)
        self._drag = True
        self._acted()

    def stop_drag(self) -> None:
        self._drag = False

    def update(self, dt: float) -> None:
        self._blink += dt
        if self._drag and self._mouse is not None and not self.rect.collidepoint(self._mouse):
            # Dragging past the edge scrolls the text under the selection.
            if self._mouse[1] < self.rect.top:
                self.scroll_by(-1)
            elif self._mouse[1] >= self.rect.bottom:
                self.scroll_by(1)
            y = min(max(self._mouse[1], self.rect.top), self.rect.bottom - 1)
            self.editor.move_to(self.pos_at((self._mouse[0], y)), select=True)
        if not self._busy:
            self._prefetch()
        self._busy = False

    def _prefetch(self) -> None:
        """Render the lines a page above and below while idle, so paging finds them ready."""
        state = (self.editor.version, self.scroll_line, self.font_px)
        if state == self._prefetched:
            return
        deadline = time.perf_counter() + PREFETCH_BUDGET_S
        page = self.page_lines()
        count = self.editor.buffer.line_count
        below = range(self.scroll_line, min(count, self.scroll_line + 2 * page + 1))
        above = range(max(0, self.scroll_line - page), self.scroll_line)
        first_col, last_col = self.visible_cols()
        for i in (*below, *reversed(above)):
            key = self.highlighter.key(i)
            if not self.renderer.cached(key):
                self.renderer.pieces(key, key[1], self.highlighter.spans(i), first_col, last_col)
                if time.perf_counter() > deadline:
                    return
        self._prefetched = state

    # -- drawing ------------------------------------------------------------------------------
    @property
    def caret_shown(self) -> bool:
        """The caret blinks, but stays lit while composing or right after a key."""
        return self.focused and (bool(self.composition) or self._blink % (2 * BLINK_S) < BLINK_S)

    def place_ime(self, caret: pygame.Rect) -> None:
        if self._ime_rect != caret:
            self._ime_rect = caret.copy()
            pygame.key.set_text_input_rect(caret)  # IME candidate windows open at the caret

    def draw(self, surface: pygame.Surface) -> None:
        paint(self, surface)
