"""EditorPane: the code editor the lab terminal embeds. It owns small parts and wires them:
the code widget (`EditorWidget`: the text, its view, input router and pointer), the toolbar,
the find bar, the reset question, the message strip, the hover/tooltip, key repeat and the
draft shared with the player's own editor. It routes events to the part that has the focus,
lays the parts out, tells the terminal about changes (`on_change`, `on_zoom`), and describes
itself (`describe()`, `snapshot()`). Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.persistence.settings import CODE_ZOOMS
from game.text import Editor, Marker
from game.text.find import Match
from game.ui.editor.chrome import Button, draw_tooltip
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.confirm import Confirm
from game.ui.editor.describe import describe, message, snapshot
from game.ui.editor.events import EventRouter, PaneCommands
from game.ui.editor.external import Opener, SharedDraft, open_with_system
from game.ui.editor.findbar import FindBar
from game.ui.editor.hover import Hover
from game.ui.editor.reset import ResetQuestion
from game.ui.editor.strip import MORE_ACTION, MessageStrip
from game.ui.editor.toolbar import Toolbar
from game.ui.editor.widget import EditorWidget
from game.ui.fonts import Fonts
from game.ui.snapshot import Snapshot
from game.ui.theme import Theme
from game.ui.widgets.ink import LOG


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
        self.find_bar = FindBar(self.editor, self.widget.view, self.clipboard)
        self.reset = ResetQuestion(self.editor, starter, self._was_reset)
        self.strip = MessageStrip()
        self.hover = Hover()
        self.on_change: Callable[[str], None] | None = None
        self.on_zoom: Callable[[float], None] | None = None  # the terminal keeps it in settings
        self.opener: Opener = open_with_system  # tests swap in a fake; the game keeps this
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.status = ""  # the latest thing the pane told the player
        self.markers: list[Marker] = []  # as the runner reported them (1-based lines)
        self._fonts, self.theme = fonts, theme
        self._shown_matches: list[Match] = []
        self._seen_version = self.editor.version
        self._shared = SharedDraft(draft_path) if draft_path is not None else None
        self.toolbar = Toolbar(self._buttons())
        self.router = EventRouter(
            widget=self.widget,
            find_bar=self.find_bar,
            reset=self.reset,
            toolbar=self.toolbar,
            strip=self.strip,
            hover=self.hover,
            commands=PaneCommands(
                by_action={
                    "zoom_in": self.zoom_in,
                    "zoom_out": self.zoom_out,
                    "zoom_reset": lambda: self._set_zoom(1.0),
                    MORE_ACTION: self.read_on,
                },
                read_on=self.read_on,
                relayout=self._layout,
                area=lambda: self.rect,
            ),
        )
        if self._shared is not None:
            picked = self._shared.resume(self.editor.text)
            if picked is not None and self.editor.set_text(picked):
                self.status = (
                    f"Picked up the changes you saved in {self._shared.path.name} "
                    "(Ctrl+Z undoes them)."
                )

    def _buttons(self) -> list[Button]:
        buttons = [
            Button("A-", self.zoom_out, "smaller code (Ctrl -)"),
            Button("A+", self.zoom_in, "bigger code (Ctrl +)"),
        ]
        if self.reset.available:
            buttons.append(
                Button(
                    "Reset to starter",
                    self.request_reset,
                    "put the starter code back (asks first)",
                    short="Reset",
                )
            )
        if self._shared is not None:
            buttons.append(
                Button(
                    "Open in my editor",
                    self.open_in_editor,
                    f"edit {self._shared.path} in your own editor",
                    short="My editor",
                )
            )
        return buttons

    # -- the terminal screen's interface --------------------------------------------------------
    @property
    def text(self) -> str:
        return self.editor.text

    @property
    def focused(self) -> bool:
        return self.router.focused

    @focused.setter
    def focused(self, value: bool) -> None:
        self.router.focused = value

    @property
    def zoom(self) -> float:
        return self.widget.view.zoom

    @property
    def buttons(self) -> list[Button]:
        return self.toolbar.buttons

    @property
    def confirm(self) -> Confirm | None:
        """The reset question while it is asked."""
        return self.reset.asked

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        self._layout()

    def set_fonts(self, fonts: Fonts) -> None:
        self._fonts = fonts
        self.widget.view.set_fonts(fonts)
        self._layout()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.widget.view.set_theme(theme)

    def set_markers(self, markers: list[Marker]) -> None:
        self.markers = list(markers)
        self._place_markers()

    def clear_markers(self) -> None:
        self.set_markers([])

    def close_popup(self) -> bool:
        """Close the reset question or the find bar, if one is open (for the screen's Escape)."""
        if self.reset.dismiss():
            return True
        if self.find_bar.mode is None:
            return False
        self.find_bar.close()
        self._layout()
        return True

    # -- actions ------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._set_zoom(min((z for z in CODE_ZOOMS if z > self.zoom + 1e-6), default=CODE_ZOOMS[-1]))

    def zoom_out(self) -> None:
        self._set_zoom(max((z for z in CODE_ZOOMS if z < self.zoom - 1e-6), default=CODE_ZOOMS[0]))

    def set_zoom(self, zoom: float) -> None:
        """Show the code at `zoom` (a change made elsewhere, e.g. in the settings)."""
        self.widget.view.set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        self.set_zoom(zoom)
        self.status = f"Code size {round(zoom * 100)}%."
        if self.on_zoom is not None:
            self.on_zoom(zoom)

    def request_reset(self) -> None:
        self.reset.ask()

    def _was_reset(self, message: str) -> None:
        self.status = message
        self.widget.view.ensure_caret_visible()

    def open_in_editor(self) -> None:
        if self._shared is not None:
            self.status = self._shared.open(self.editor.text, self.opener)

    def read_on(self) -> bool:
        """Show the next page of a message too long for the strip (Ctrl+M, a click on it)."""
        self._show_message()
        return self.strip.next_page()

    # -- layout -------------------------------------------------------------------------------
    def _ui_font(self) -> pygame.font.Font:
        return self._fonts.get("body", 15)

    def _layout(self) -> None:
        font, r, view = self._ui_font(), self.rect, self.widget.view
        bar_h = font.get_linesize() + 12
        self.toolbar.place(r, font, bar_h)
        top = self.toolbar.rect.bottom
        if self.find_bar.mode is not None:
            self.find_bar.layout(pygame.Rect(r.x, top, r.w, bar_h), font)
            top += bar_h
        self.strip.layout(r, font, view.line_height, top)
        view.rect = pygame.Rect(r.x, top, r.w, max(0, self.strip.rect.top - top))
        view.ensure_caret_visible()

    def _place_markers(self) -> None:
        last = self.editor.buffer.line_count - 1
        placed: dict[int, list[Marker]] = {}
        for marker in self.markers:
            placed.setdefault(min(max(marker.line - 1, 0), last), []).append(marker)
        self.widget.view.markers = placed

    def _show_message(self) -> tuple[int, int, int]:
        """Hand the strip what it says now; returns its colour."""
        text, colour = message(self)
        self.strip.show(text, self._ui_font())
        return colour

    # -- events -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        used = self.router.handle(event)
        self._after_input()
        return used

    def _after_input(self) -> None:
        self.widget.focused = self.router.code_focused
        if self.editor.version == self._seen_version:
            return
        self._seen_version = self.editor.version
        self._place_markers()
        if self._shared is not None:
            self._shared.edited()
        if self.on_change is not None:
            self.on_change(self.editor.text)

    def update(self, dt: float) -> None:
        self.router.update(dt)
        self.widget.update(dt)
        if self._shared is not None:
            picked, message = self._shared.update(dt, self.editor.text)
            if picked is not None and self.editor.set_text(picked):
                self.widget.view.ensure_caret_visible()
            if message:
                self.status = message
        matches = self.find_bar.matches()
        if matches is not self._shown_matches:
            self._shown_matches = matches
            self.widget.view.set_matches(matches)
        self._after_input()

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, font, mouse = self.theme, self._ui_font(), self.hover.at
        owner, LOG.owner = LOG.owner, self  # the pane's words are its own snapshot's ink
        caret = self.editor.caret
        self.toolbar.draw(surface, font, theme, (caret.line + 1, caret.col + 1), mouse)
        if self.find_bar.mode is not None:
            self.find_bar.draw(surface, font, theme, mouse)
        self.widget.draw(surface)
        self.strip.draw(surface, font, self._show_message(), theme)
        view, line = self.widget.view, self.widget.pointer.hover_line
        tip = self.hover.tooltip(
            self.toolbar.at(mouse) if mouse is not None else None,
            view.markers.get(line) if line is not None else None,
            mouse is not None and view.rect.collidepoint(mouse),
        )
        if tip is not None:
            draw_tooltip(surface, tip, mouse or (0, 0), font, theme, self.rect)
        self.reset.draw(surface, view.rect, (self._fonts.get("body_bold", 18), font), theme)
        LOG.owner = owner

    def describe(self) -> str:
        """A text picture of the pane for tests and logs."""
        self._show_message()
        return describe(self)

    def snapshot(self) -> Snapshot:
        """The pane as a part of a screen (see `describe.snapshot`)."""
        self._show_message()
        return snapshot(self, LOG.of(self), self._fonts.min_px)
