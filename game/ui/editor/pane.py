"""EditorPane: what the lab terminal embeds (its parts and toolbar actions are built in
`pane_tools.py`). It owns input routing (keys, text, mouse, key repeat), telling the terminal
about changes, drawing the toolbar, find bar, message strip, tooltips and reset question, and
`describe()` for headless tests. Must not import torch.
"""

from __future__ import annotations

import contextlib

import pygame

from game.ui.editor.chrome import draw_lines, draw_tooltip
from game.ui.editor.describe import describe, message
from game.ui.editor.findbar import Mode
from game.ui.editor.keys import reserved
from game.ui.editor.pane_tools import PaneTools
from game.ui.editor.toolbar import where_text
from game.ui.editor.widget import EDITOR_KEYS
from game.ui.widgets.textfit import ellipsize, text_surface, wrap

_FIND_MODES: dict[str, Mode] = {"find": "find", "goto": "goto"}
_MOUSE_EVENTS = (
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEMOTION,
    pygame.MOUSEWHEEL,
)


class EditorPane(PaneTools):
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
        action = EDITOR_KEYS.action(key, mod)
        zoom = {
            "zoom_in": self.zoom_in,
            "zoom_out": self.zoom_out,
            "zoom_reset": lambda: self._set_zoom(1.0),
        }.get(action or "")
        if zoom is not None:
            zoom()
            return True
        mode = _FIND_MODES.get(action or "")
        if mode is not None:
            self.find_bar.open(mode)
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
        with contextlib.suppress(pygame.error):  # no cursors on this video driver
            pygame.mouse.set_cursor(
                pygame.SYSTEM_CURSOR_IBEAM if ibeam else pygame.SYSTEM_CURSOR_ARROW
            )

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
            button.draw(
                surface,
                font,
                theme,
                self._mouse is not None and button.rect.collidepoint(self._mouse),
            )
        if bar.where is not None:
            caret = self.editor.caret
            text = ellipsize(
                font, where_text(caret.line + 1, caret.col + 1, bar.short), bar.where.w
            )
            where = text_surface(font, text, theme.text_dim)
            surface.blit(where, where.get_rect(midright=bar.where.midright))
        if self.find_bar.mode is not None:
            self.find_bar.draw(surface, font, theme, self._mouse)
        self.widget.draw(surface)
        surface.fill(theme.panel, self._strip)
        pygame.draw.line(surface, theme.border, self._strip.topleft, self._strip.topright)
        text, colour = message(self)
        draw_lines(
            surface,
            wrap(font, text, self._strip.w - 20, max_lines=self._strip_lines),
            font,
            colour,
            self._strip.x + 10,
            self._strip.y + 5,
        )
        self._draw_hover(surface, font)
        if self.confirm is not None:
            self.confirm.draw(
                surface, self.widget.rect, (self._fonts.get("body_bold", 18), font), theme
            )

    def _draw_hover(self, surface: pygame.Surface, font: pygame.font.Font) -> None:
        mouse = self._mouse
        if mouse is None:
            return
        for button in self.buttons:
            if button.rect.collidepoint(mouse):
                return draw_tooltip(surface, button.hint, mouse, font, self.theme, self.rect)
        hovered = (
            self.widget.markers.get(self.widget.hover_line)
            if self.widget.hover_line is not None
            else None
        )
        if hovered and self.widget.rect.collidepoint(mouse):
            text = "\n".join(f"Line {m.line} ({m.kind}): {m.message}" for m in hovered)
            draw_tooltip(surface, text, mouse, font, self.theme, self.rect)

    def describe(self) -> str:
        """A text picture of the pane for tests and logs."""
        return describe(self)
