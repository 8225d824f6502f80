"""PaneTools: the parts of the editor pane and their wiring. It builds the editor, widget,
find bar and toolbar buttons (font size, reset to starter, open in my editor), owns the reset
question, zoom, the shared draft file, markers and the pane's layout. Input routing and drawing
live in `pane.py`. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.persistence.settings import CODE_ZOOMS
from game.text import Editor, Marker
from game.text.find import Match
from game.ui.editor.chrome import Button
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.confirm import Confirm
from game.ui.editor.external import Opener, SharedDraft, open_with_system
from game.ui.editor.findbar import FindBar
from game.ui.editor.keys import KeyRepeat
from game.ui.editor.toolbar import ToolbarLayout, layout_toolbar
from game.ui.editor.widget import EditorWidget
from game.ui.fonts import Fonts
from game.ui.theme import Theme

MIN_CODE_LINES = 5  # below this many visible code lines the message strip keeps to one line


class PaneTools:
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
        self._shown_matches: list[Match] = []
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
                Button(
                    "Reset to starter",
                    self.request_reset,
                    "put the starter code back (asks first)",
                    short="Reset",
                )
            )
        self._shared: SharedDraft | None = None
        if draft_path is not None:
            self._shared = shared = SharedDraft(draft_path)
            self.buttons.append(
                Button(
                    "Open in my editor",
                    self.open_in_editor,
                    f"edit {draft_path} in your own editor",
                    short="My editor",
                )
            )
            picked = shared.resume(self.editor.text)
            if picked is not None and self.editor.set_text(picked):
                self.status = (
                    f"Picked up the changes you saved in {draft_path.name} (Ctrl+Z undoes them)."
                )

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
        code_lines = (r.bottom - top - 2 * font.get_linesize() - 10) // max(
            1, self.widget.line_height
        )
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
