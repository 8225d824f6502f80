"""EditorPane: what the lab terminal embeds. A toolbar (font size, reset to starter, open in
my editor, caret position), the editor, the find / go-to bar, a strip for runner messages,
marker tooltips and the reset question. It owns input routing, key repeat, the shared draft
file and `describe()` for headless tests. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.persistence.settings import CODE_ZOOMS
from game.text import Editor, Marker
from game.ui.editor.chrome import Button, draw_lines, draw_tooltip
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.confirm import Confirm
from game.ui.editor.describe import describe, message
from game.ui.editor.external import Opener, SharedDraft, open_with_system
from game.ui.editor.findbar import FindBar
from game.ui.editor.keys import KeyRepeat, reserved
from game.ui.editor.toolbar import ToolbarLayout, layout_toolbar, where_text
from game.ui.editor.widget import EditorWidget
from game.ui.fonts import Fonts
from game.ui.intents import command_held
from game.ui.theme import Theme
from game.ui.widgets.textfit import ellipsize, text_surface, wrap

MIN_CODE_LINES = 5  # below this many visible code lines the message strip keeps to one line

_ZOOM_IN = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
_ZOOM_OUT = (pygame.K_MINUS, pygame.K_KP_MINUS)
_MOUSE_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)


class EditorPane:
    def __init__(
        self,
        text: str,
        *,
        fonts: Fonts,
        theme: Theme,
        draft_path: Path | None = None,
        starter: str | None = None,
        zoom: float = 1.0,
    ) -> None:
        self.editor = Editor(text)
        self.clipboard = Clipboard()
        self.widget = EditorWidget(self.editor, fonts, theme, self.clipboard, zoom=zoom)
        self.find_bar = FindBar(self.widget)
        self.on_change: Callable[[str], None] | None = None
        self.on_zoom: Callable[[float], None] | None = None  # the terminal keeps it in settings
        self.opener: Opener = open_with_system  # tests swap in a fake; the game keeps this
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.status = ""  # the latest thing the pane told the player
        self._fonts, self.theme = fonts, theme
        self._focused = True
        self._starter = starter
        self.markers: list[Marker] = []  # as the runner reported them (1-based lines)
        self.confirm: Confirm | None = None  # the reset question, while asked
        self._repeat = KeyRepeat()
        self._mouse: tuple[int, int] | None = None
        self._shown_matches: list[object] = []
        self._ibeam = False
        self._seen_version = self.editor.version
        self._toolbar = ToolbarLayout(pygame.Rect(0, 0, 0, 0), None, False)
        self._strip = pygame.Rect(0, 0, 0, 0)
        self._strip_lines = 2
        self.buttons = [
            Button("A-", self.zoom_out, "smaller code (Ctrl -)"),
            Button("A+", self.zoom_in, "bigger code (Ctrl +)"),
        ]
        if starter is not None:
            self.buttons.append(
                Button("Reset to starter", self.request_reset, "put the starter code back (asks first)", short="Reset")
            )
        self._shared = SharedDraft(draft_path) if draft_path is not None else None
        if self._shared is not None:
            self.buttons.append(
                Button("Open in my editor", self.open_in_editor, f"edit {draft_path} in your own editor", short="My editor")
            )
            picked = self._shared.resume(self.editor.text)
            if picked is not None and self.editor.set_text(picked):
                self.status = f"Picked up the changes you saved in {draft_path.name} (Ctrl+Z undoes them)."

    # -- the terminal screen's interface --------------------------------------------------------
    @property
    def text(self) -> str:
        return self.editor.text

    @property
    def focused(self) -> bool:
        return self._focused

    @focused.setter
    def focused(self, value: bool) -> None:
        self._focused = value
        if not value:
            self._repeat.release()
            self.widget.stop_drag()

    @property
    def zoom(self) -> float:
        return self.widget.zoom

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        self._layout()

    def set_fonts(self, fonts: Fonts) -> None:
        self._fonts = fonts
        self.widget.set_fonts(fonts)
        self._layout()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.widget.set_theme(theme)

    def set_markers(self, markers: list[Marker]) -> None:
        self.markers = list(markers)
        self._place_markers()

    def clear_markers(self) -> None:
        self.set_markers([])

    def close_popup(self) -> bool:
        """Close the reset question or the find bar, if one is open (for the screen's Escape)."""
        if self.confirm is not None:
            self.confirm = None
        elif self.find_bar.mode is not None:
            self.find_bar.close()
            self._layout()
        else:
            return False
        return True

    # -- actions ------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._set_zoom(min((z for z in CODE_ZOOMS if z > self.zoom + 1e-6), default=CODE_ZOOMS[-1]))

    def zoom_out(self) -> None:
        self._set_zoom(max((z for z in CODE_ZOOMS if z < self.zoom - 1e-6), default=CODE_ZOOMS[0]))

    def set_zoom(self, zoom: float) -> None:
        """Show the code at `zoom` (a change made elsewhere, e.g. in the settings)."""
        self.widget.set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        self.set_zoom(zoom)
        self.status = f"Code size {round(zoom * 100)}%."
        if self.on_zoom is not None:
            self.on_zoom(zoom)

    def request_reset(self) -> None:
        if self._starter is None:
            return
        self.confirm = Confirm(
            "Reset to the starter code?",
            "Your code stays in the undo history: Ctrl+Z brings it back.",
            "Reset",
            "Keep my code",
            self._reset,
        )

    def _reset(self) -> None:
        assert self._starter is not None
        if self.editor.set_text(self._starter):
            self.status = "Starter code restored. Ctrl+Z brings your code back."
        else:
            self.status = "This already is the starter code."
        self.widget.ensure_caret_visible()

    def open_in_editor(self) -> None:
        if self._shared is not None:
            self.status = self._shared.open(self.editor.text, self.opener)

    # -- layout -------------------------------------------------------------------------------
    def _ui_font(self) -> pygame.font.Font:
        return self._fonts.get("body", 15)

    def _layout(self) -> None:
        font, r = self._ui_font(), self.rect
        bar_h = font.get_linesize() + 12
        self._toolbar = layout_toolbar(self.buttons, font, r, bar_h, 6)
        top = self._toolbar.rect.bottom
        if self.find_bar.mode is not None:
            self.find_bar.layout(pygame.Rect(r.x, top, r.w, bar_h), font)
            top += bar_h
        # The message strip gives up a line when the code would otherwise show too few.
        code_lines = (r.bottom - top - 2 * font.get_linesize() - 10) // max(1, self.widget.line_height)
        self._strip_lines = 2 if code_lines >= MIN_CODE_LINES else 1
        strip_h = self._strip_lines * font.get_linesize() + 10
        self._strip = pygame.Rect(r.x, r.bottom - strip_h, r.w, strip_h)
        self.widget.rect = pygame.Rect(r.x, top, r.w, max(0, self._strip.top - top))
        self.widget.ensure_caret_visible()

    def _place_markers(self) -> None:
        last = self.editor.buffer.line_count - 1
        placed: dict[int, list[Marker]] = {}
        for marker in self.markers:
            placed.setdefault(min(max(marker.line - 1, 0), last), []).append(marker)
        self.widget.markers = placed

    # -- events -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        kind = event.type
        if kind == pygame.KEYDOWN:
            used = self._key_down(event.key, event.mod)
        elif kind == pygame.KEYUP:
            self._repeat.release(event.key)
            used = False
        elif kind == pygame.TEXTINPUT:
            used = self._text_input(event.text)
        elif kind == pygame.TEXTEDITING:
            used = self._focused and not self.find_bar.focused and self.confirm is None
            if used:
                self.widget.composition = event.text
        elif kind in _MOUSE_EVENTS:
            used = self._mouse_event(event)
        else:
            if kind == pygame.WINDOWFOCUSLOST:
                self._repeat.release()
                self.widget.stop_drag()
            used = False
        self._after_input()
        return used

    def _key_down(self, key: int, mod: int) -> bool:
        if not self._focused or reserved(key, mod):
            return False
        if self.confirm is not None:
            self.confirm.key(key)
            self._settle_confirm()
            return True
        cmd = command_held(mod)
        if cmd and key in (*_ZOOM_IN, *_ZOOM_OUT, pygame.K_0, pygame.K_KP0):
            self.zoom_in() if key in _ZOOM_IN else self.zoom_out() if key in _ZOOM_OUT else self._set_zoom(1.0)
            return True
        if cmd and key in (pygame.K_f, pygame.K_g):
            self.find_bar.open("find" if key == pygame.K_f else "goto")
            self._layout()
            return True
        target = self.find_bar if self.find_bar.focused else self.widget
        used = target.key(key, mod)
        if used:
            self._repeat.press(key, lambda: target.key(key, mod))
        return used

    def _text_input(self, text: str) -> bool:
        if not self._focused:
            return False
        if self.confirm is not None:
            self.confirm.text(text)
            self._settle_confirm()
        elif self.find_bar.focused:
            self.find_bar.type_text(text)
        else:
            self.widget.type_text(text)
        return True

    def _settle_confirm(self) -> None:
        if self.confirm is not None and self.confirm.answer is not None:
            self.confirm = None

    def _mouse_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self._mouse = event.pos
            self._set_cursor(self.widget.text_rect.collidepoint(event.pos) and self.confirm is None)
            return self.widget.mouse(event)
        if event.type != pygame.MOUSEBUTTONDOWN:
            return self.widget.mouse(event)
        self._mouse = event.pos
        if not self.rect.collidepoint(event.pos):
            self.focused = False
            return False
        self.focused = True
        if event.button != 1:
            return self.widget.mouse(event) or True
        if self.confirm is not None:
            self.confirm.click(event.pos)
            self._settle_confirm()
            return True
        for button in self.buttons:
            if button.rect.collidepoint(event.pos):
                button.action()
                return True
        if self.find_bar.mode is not None and self.find_bar.rect.collidepoint(event.pos):
            self.find_bar.click(event.pos)
            if self.find_bar.mode is None:
                self._layout()
            return True
        self.find_bar.focused = False
        self.widget.mouse(event)
        return True

    def _set_cursor(self, ibeam: bool) -> None:
        """The text cursor over code, the arrow elsewhere (changed only when crossing over)."""
        if ibeam == self._ibeam:
            return
        self._ibeam = ibeam
        try:
            pygame.mouse.set_cursor(pygame.SYSTEM_CURSOR_IBEAM if ibeam else pygame.SYSTEM_CURSOR_ARROW)
        except pygame.error:
            pass  # no cursors on this video driver

    def _after_input(self) -> None:
        self.widget.focused = self._focused and not self.find_bar.focused and self.confirm is None
        if self.editor.version == self._seen_version:
            return
        self._seen_version = self.editor.version
        self._place_markers()
        if self._shared is not None:
            self._shared.edited()
        if self.on_change is not None:
            self.on_change(self.editor.text)

    def update(self, dt: float) -> None:
        self._repeat.update(dt)
        self.widget.update(dt)
        if self._shared is not None:
            picked, message = self._shared.update(dt, self.editor.text)
            if picked is not None and self.editor.set_text(picked):
                self.widget.ensure_caret_visible()
            if message:
                self.status = message
        matches = self.find_bar.matches()
        if matches is not self._shown_matches:
            self._shown_matches = matches
            self.widget.set_matches(matches)
        self._after_input()

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, font = self.theme, self._ui_font()
        bar = self._toolbar
        surface.fill(theme.panel, bar.rect)
        for button in self.buttons:
            button.draw(surface, font, theme, self._mouse is not None and button.rect.collidepoint(self._mouse))
        if bar.where is not None:
            caret = self.editor.caret
            text = ellipsize(font, where_text(caret.line + 1, caret.col + 1, bar.short), bar.where.w)
            where = text_surface(font, text, theme.text_dim)
            surface.blit(where, where.get_rect(midright=bar.where.midright))
        if self.find_bar.mode is not None:
            self.find_bar.draw(surface, font, theme, self._mouse)
        self.widget.draw(surface)
        surface.fill(theme.panel, self._strip)
        pygame.draw.line(surface, theme.border, self._strip.topleft, self._strip.topright)
        text, colour = message(self)
        draw_lines(surface, wrap(font, text, self._strip.w - 20, max_lines=self._strip_lines), font, colour, self._strip.x + 10, self._strip.y + 5)
        self._draw_hover(surface, font)
        if self.confirm is not None:
            self.confirm.draw(surface, self.widget.rect, (self._fonts.get("body_bold", 18), font), theme)

    def _draw_hover(self, surface: pygame.Surface, font: pygame.font.Font) -> None:
        mouse = self._mouse
        if mouse is None:
            return
        for button in self.buttons:
            if button.rect.collidepoint(mouse):
                return draw_tooltip(surface, button.hint, mouse, font, self.theme, self.rect)
        hovered = self.widget.markers.get(self.widget.hover_line) if self.widget.hover_line is not None else None
        if hovered and self.widget.rect.collidepoint(mouse):
            text = "\n".join(f"Line {m.line} ({m.kind}): {m.message}" for m in hovered)
            draw_tooltip(surface, text, mouse, font, self.theme, self.rect)

    def describe(self) -> str:
        """A text picture of the pane for tests and logs."""
        return describe(self)
