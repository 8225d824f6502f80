"""The bar under the toolbar for Ctrl+F (find, incremental, with match count and case toggle)
and Ctrl+G (go to line). Keys reach it while it has focus; clicking the code gives focus back
to the editor and leaves the matches highlighted. Must not import torch.
"""

from __future__ import annotations

from typing import Literal

import pygame

from game.text import Editor
from game.text.find import Match, find_all
from game.text.words import word_left
from game.ui.editor.chrome import Button
from game.ui.editor.code_view import CodeView
from game.ui.editor.keys import EDITOR_KEYS, FIELD_KEYS, MODIFIER_KEYS
from game.ui.editor.router import Clip
from game.ui.intents import command_held
from game.ui.theme import Theme
from game.ui.widgets.textfit import ellipsize, text_surface

Mode = Literal["find", "goto"]


class FindBar:
    def __init__(self, editor: Editor, view: CodeView, clipboard: Clip) -> None:
        self._editor, self._view, self._clipboard = editor, view, clipboard
        self.mode: Mode | None = None
        self.query = ""
        self.case_sensitive = False
        self.focused = False
        self.note = ""
        self.replace_query = False  # a query filled in from the selection is replaced by typing
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._field = pygame.Rect(0, 0, 0, 0)
        self._status = pygame.Rect(0, 0, 0, 0)  # empty when there is no room for it
        self._short = False
        self._cache: tuple[tuple[int, str, bool], list[Match]] | None = None
        self._find_buttons = [
            Button("Prev", self.previous, "previous match (Shift+Enter)", short="↑"),
            Button("Next", self.next, "next match (Enter)", short="↓"),
            Button("Aa", self.toggle_case, "match case"),
            Button("Close", self.close, "close the bar", short="×"),
        ]
        self._goto_buttons = [
            Button("Go", self.go, "go to the line (Enter)"),
            Button("Close", self.close, "close the bar", short="×"),
        ]

    @property
    def buttons(self) -> list[Button]:
        return (
            self._find_buttons if self.mode == "find" else self._goto_buttons if self.mode else []
        )

    # -- actions ------------------------------------------------------------------------------
    def open(self, mode: Mode) -> None:
        self.mode, self.focused, self.note = mode, True, ""
        self.query = ""
        selected = self._editor.selected_text
        if mode == "find" and selected and "\n" not in selected:
            self.query = selected
        self.replace_query = bool(self.query)
        self._find_buttons[2].toggled = self.case_sensitive

    def close(self) -> None:
        self.mode, self.focused, self.note = None, False, ""
        self._view.set_matches([])

    def matches(self) -> list[Match]:
        if self.mode != "find":
            return []
        key = (self._editor.version, self.query, self.case_sensitive)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, find_all(self._editor.lines, self.query, self.case_sensitive))
        return self._cache[1]

    def _search(self, *, backwards: bool = False, incremental: bool = False) -> None:
        if self.query:
            self._editor.find(
                self.query,
                backwards=backwards,
                case_sensitive=self.case_sensitive,
                incremental=incremental,
            )
            self._view.ensure_caret_visible()

    def next(self) -> None:
        self._search()

    def previous(self) -> None:
        self._search(backwards=True)

    def toggle_case(self) -> None:
        self.case_sensitive = not self.case_sensitive
        self._find_buttons[2].toggled = self.case_sensitive
        self._search(incremental=True)

    def go(self) -> None:
        count = self._editor.buffer.line_count
        if not self.query.isdigit() or not 1 <= int(self.query) <= count:
            self.note = f"Type a line number from 1 to {count}."
            return
        self._editor.goto_line(int(self.query))
        self._view.ensure_caret_visible()
        self.close()

    def type_text(self, text: str) -> None:
        text = text.split("\n")[0]
        if self.mode == "goto":
            text = "".join(ch for ch in text if ch.isdigit())
        self.query = text if self.replace_query else self.query + text
        self.replace_query = False
        self.note = ""
        if self.mode == "find":
            self._search(incremental=True)

    def key(self, key: int, mod: int) -> bool:
        """A key while the bar has the focus, by its action in the key table (the game's rows
        for the field, the code editor's for paste); False for shortcuts it leaves to others."""
        action = FIELD_KEYS.action(key, mod)
        if action == "confirm":
            shift = bool(mod & pygame.KMOD_SHIFT)
            (self.go if self.mode == "goto" else self.previous if shift else self.next)()
        elif action == "erase":
            self._erase(by_word=command_held(mod))
        elif action in ("up", "down") and self.mode == "find":
            (self.previous if action == "up" else self.next)()
        elif action in ("left", "right", "home", "end"):
            self.replace_query = False  # the field's caret stays at the end; keep the query
        elif action in ("tab", "tab_back"):
            self.focused = False  # back to the code, bar stays open
        elif EDITOR_KEYS.action(key, mod) == "paste":
            self.type_text(self._clipboard.get())
        elif key in MODIFIER_KEYS or command_held(mod) or mod & pygame.KMOD_ALT:
            return False
        return True

    def _erase(self, *, by_word: bool) -> None:
        if self.replace_query:
            cut = 0
        else:
            cut = word_left(self.query, len(self.query)) if by_word else len(self.query) - 1
        self.query, self.replace_query = self.query[: max(0, cut)], False
        if self.mode == "find":
            self._search(incremental=True)

    def click(self, xy: tuple[int, int]) -> bool:
        for button in self.buttons:
            if button.rect.collidepoint(xy):
                button.action()
                return True
        self.focused = self.rect.collidepoint(xy)
        return self.focused

    # -- showing ------------------------------------------------------------------------------
    def status(self) -> str:
        if self.mode == "goto":
            return self.note or f"1 to {self._editor.buffer.line_count}"
        if not self.query:
            return "type to search"
        matches = self.matches()
        if not matches:
            return "no matches"
        selection = self._editor.selection
        for index, match in enumerate(matches, 1):
            if match == selection:
                return f"{index} of {len(matches)}"
        return f"{len(matches)} matches"

    def describe(self) -> str:
        label = "find" if self.mode == "find" else "go to line"
        case = ", match case" if self.mode == "find" and self.case_sensitive else ""
        focus = (", focused" if self.focused else "") + (
            ", query selected" if self.replace_query else ""
        )
        return f'[{label}] "{self.query}" {self.status()}{case}{focus}'

    def _title(self) -> str:
        if self.mode == "find":
            return "Find"
        return "Line" if self._short else "Go to line"

    def layout(self, rect: pygame.Rect, font: pygame.font.Font) -> None:
        """Label, field, buttons and status in one row: when narrow, short labels first, then
        no status (the field always keeps room for a few characters)."""
        self.rect = rect
        pad = 6
        height = rect.h - 2 * pad
        status_w = font.size("type to search" if self.mode == "find" else "1 to 99999")[0] + pad
        for short, with_status in ((False, True), (True, True), (True, False)):
            self._short = short
            label_w = font.size(self._title())[0] + 2 * pad
            buttons_w = sum(b.width(font, height, short) + pad for b in self.buttons)
            room = rect.w - label_w - buttons_w - pad - (status_w + pad if with_status else 0)
            if room >= font.size("0000000")[0]:
                break
        self._field = pygame.Rect(rect.x + label_w, rect.y + pad, max(1, min(360, room)), height)
        x = self._field.right + pad
        for button in self.buttons:
            x = button.fit(font, x, rect.y + pad, height, short) + pad
        self._status = (
            pygame.Rect(x, rect.y, status_w, rect.h)
            if with_status
            else pygame.Rect(x, rect.y, 0, 0)
        )

    def draw(
        self,
        surface: pygame.Surface,
        font: pygame.font.Font,
        theme: Theme,
        mouse: tuple[int, int] | None,
    ) -> None:
        surface.fill(theme.panel, self.rect)
        pad = 6
        y = self.rect.centery - font.get_linesize() // 2
        surface.blit(text_surface(font, self._title(), theme.text_dim), (self.rect.x + pad, y))
        pygame.draw.rect(surface, theme.bg, self._field, border_radius=4)
        pygame.draw.rect(
            surface,
            theme.accent2 if self.focused else theme.border,
            self._field,
            1,
            border_radius=4,
        )
        shown = text_surface(font, self.query, theme.text)
        inner = self._field.inflate(-2 * pad, 0)
        offset = max(0, shown.get_width() - inner.w + 2)  # keep the end of a long query visible
        if self.replace_query and self.focused:
            surface.fill(
                theme.selection, (inner.x, y, min(inner.w, shown.get_width()), font.get_linesize())
            )
        surface.blit(
            shown, (inner.x - offset, y), area=pygame.Rect(offset, 0, inner.w, shown.get_height())
        )
        if self.focused:
            surface.fill(
                theme.accent2, (inner.x + shown.get_width() - offset, y, 2, font.get_linesize())
            )
        if self._status.w:
            colour = theme.error if self.note or self.status() == "no matches" else theme.text_dim
            surface.blit(
                text_surface(font, ellipsize(font, self.status(), self._status.w), colour),
                (self._status.x, y),
            )
        for button in self.buttons:
            button.draw(surface, font, theme, mouse is not None and button.rect.collidepoint(mouse))
