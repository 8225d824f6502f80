"""EventRouter: where each event in the editor pane goes. It owns the pane's keyboard focus
and key repeat, and sends keys, text and the mouse to the part that should have them: the
reset question while it is asked, the pane's own commands (zoom, find, read on), the find bar
while it has the focus, the toolbar, the message strip, else the code widget. What the pane
itself does it hands over as `PaneCommands`. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pygame

from game.ui.editor.findbar import FindBar, Mode
from game.ui.editor.hover import Hover
from game.ui.editor.keys import EDITOR_KEYS, KeyRepeat, reserved
from game.ui.editor.reset import ResetQuestion
from game.ui.editor.strip import MessageStrip
from game.ui.editor.toolbar import Toolbar
from game.ui.editor.widget import EditorWidget

_FIND_MODES: dict[str, Mode] = {"find": "find", "goto": "goto"}
_MOUSE_EVENTS = (
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEMOTION,
    pygame.MOUSEWHEEL,
)


@dataclass(frozen=True)
class PaneCommands:
    """What the router asks of the pane."""

    by_action: Mapping[str, Callable[[], object]]  # key-table actions the pane does itself
    read_on: Callable[[], object]  # the next page of the message strip
    relayout: Callable[[], None]  # after the find bar opened or closed
    area: Callable[[], pygame.Rect]  # the pane's rect: a click outside takes the focus away


class EventRouter:
    def __init__(
        self,
        *,
        widget: EditorWidget,
        find_bar: FindBar,
        reset: ResetQuestion,
        toolbar: Toolbar,
        strip: MessageStrip,
        hover: Hover,
        commands: PaneCommands,
    ) -> None:
        self._widget, self._find_bar, self._reset = widget, find_bar, reset
        self._toolbar, self._strip, self._hover = toolbar, strip, hover
        self._commands = commands
        self._repeat = KeyRepeat()
        self._focused = True

    @property
    def focused(self) -> bool:
        return self._focused

    @focused.setter
    def focused(self, value: bool) -> None:
        self._focused = value
        if not value:
            self._repeat.release()
            self._widget.stop_drag()

    @property
    def code_focused(self) -> bool:
        """Whether keys go to the code (the pane has the focus, no bar or question has it)."""
        return self._focused and not self._find_bar.focused and self._reset.asked is None

    def update(self, dt: float) -> None:
        self._repeat.update(dt)

    def handle(self, event: pygame.event.Event) -> bool:
        kind = event.type
        if kind == pygame.KEYDOWN:
            return self._key_down(event.key, event.mod)
        if kind == pygame.KEYUP:
            self._repeat.release(event.key)
            return False
        if kind == pygame.TEXTINPUT:
            return self._text_input(event.text)
        if kind == pygame.TEXTEDITING:
            if self.code_focused:
                self._widget.composition = event.text
            return self.code_focused
        if kind in _MOUSE_EVENTS:
            return self._mouse(event)
        if kind == pygame.WINDOWFOCUSLOST:
            self._repeat.release()
            self._widget.stop_drag()
        return False

    def _key_down(self, key: int, mod: int) -> bool:
        if not self._focused or reserved(key, mod):
            return False
        if self._reset.asked is not None:
            self._reset.key(key)
            return True
        action = EDITOR_KEYS.action(key, mod) or ""
        if action in self._commands.by_action:
            self._commands.by_action[action]()
            return True
        if action in _FIND_MODES:
            self._find_bar.open(_FIND_MODES[action])
            self._commands.relayout()
            return True
        target = self._find_bar if self._find_bar.focused else self._widget
        used = target.key(key, mod)
        if used:
            self._repeat.press(key, lambda: target.key(key, mod))
        return used

    def _text_input(self, text: str) -> bool:
        if not self._focused:
            return False
        if self._reset.asked is not None:
            self._reset.text(text)
        elif self._find_bar.focused:
            self._find_bar.type_text(text)
        else:
            self._widget.type_text(text)
        return True

    def _mouse(self, event: pygame.event.Event) -> bool:
        widget = self._widget
        if event.type == pygame.MOUSEMOTION:
            over_code = widget.view.text_rect.collidepoint(event.pos)
            self._hover.moved(event.pos, over_code=over_code and self._reset.asked is None)
            return widget.mouse(event)
        if event.type != pygame.MOUSEBUTTONDOWN:
            return widget.mouse(event)
        self._hover.at = event.pos
        if not self._commands.area().collidepoint(event.pos):
            self.focused = False
            return False
        self.focused = True
        if event.button != 1:
            return widget.mouse(event) or True
        self._left_click(event)
        return True

    def _left_click(self, event: pygame.event.Event) -> None:
        """The question while asked, else the toolbar, the find bar, the strip or the code."""
        find_bar, xy = self._find_bar, event.pos
        button = self._toolbar.at(xy)
        if self._reset.asked is not None:
            self._reset.click(xy)
        elif button is not None:
            button.action()
        elif find_bar.mode is not None and find_bar.rect.collidepoint(xy):
            find_bar.click(xy)
            if find_bar.mode is None:
                self._commands.relayout()
        elif self._strip.rect.collidepoint(xy):
            self._commands.read_on()
        else:
            find_bar.focused = False
            self._widget.mouse(event)
