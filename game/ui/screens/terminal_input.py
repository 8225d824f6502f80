"""InputRouter: where the lab terminal's keys and pointer go. It owns the focus (the editor, the
brief or the results; with tabs, which pane is shown), carries the key table's terminal actions
(`game.ui.keymap`: run, try, hint, device, back) to the screen's commands, routes typing and the
code editor's chords to the code, and clicks to the buttons, tabs and panes.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.ui.intents import Intent, KeyDispatch
from game.ui.screens.terminal_layout import Pane, TerminalLayout
from game.ui.screens.terminal_panes import TerminalPanes

FOCUS_ORDER: tuple[Pane, ...] = ("editor", "brief", "results")
# What the code editor's keys mean is its own table; these edit the code from any pane (after
# a run the focus may sit on the results: Ctrl+A then typing must still replace the code).
_EDITOR_KEYS = KeyDispatch(editor=True)
CODE_ACTIONS = frozenset({"select_all", "paste", "cut", "undo", "redo", "find", "goto"})


Command = Callable[[], None]


@dataclass(frozen=True)
class TerminalCommands:
    """What the screen does when the router asks."""

    run: Command  # Ctrl+Enter and the Run button
    try_examples: Command  # Ctrl+Shift+Enter and the Try button
    hint: Command  # F1 and the Hint (or Solution) button
    device: Command  # F2 and the Device button
    back: Command  # Esc: cancel the run, else close the editor's popup, else leave
    cancel: Command  # the Cancel button
    leave: Command  # the Back button: leaves at once

    def for_action(self, action: str) -> Command | None:
        """The command of a key-table action, if the terminal has one."""
        return {
            "run": self.run,
            "try": self.try_examples,
            "hint": self.hint,
            "device": self.device,
            "back": self.back,
        }.get(action)

    def for_button(self, key: str) -> Command:
        """The command of a button (`TerminalButton.key`)."""
        return {
            "run": self.run,
            "try": self.try_examples,
            "hint": self.hint,
            "device": self.device,
            "cancel": self.cancel,
            "back": self.leave,
        }[key]


class InputRouter:
    def __init__(self, panes: TerminalPanes, commands: TerminalCommands):
        self.panes, self.commands = panes, commands
        self.focus: Pane = "editor"
        self._last_pane: Pane = "editor"  # the pane tabs show while the brief has the focus
        self.layout: TerminalLayout | None = None

    def place(self, layout: TerminalLayout) -> None:
        """The layout drawn this frame: where the buttons, tabs and panes take clicks."""
        self.layout = layout

    # -- focus --------------------------------------------------------------------------------
    def set_focus(self, focus: Pane) -> None:
        self.focus = focus
        if focus in ("editor", "results"):
            self._last_pane = focus
        self.panes.editor.focused = focus == "editor"
        self.panes.results.focused = focus == "results"

    def reveal_results(self) -> None:
        """A verdict came: with tabs, the results take the focus from the code, whose tab
        would hide the verdict."""
        if self.compact and self.focus == "editor":
            self.set_focus("results")

    @property
    def compact(self) -> bool:
        """Whether panes share the space as tabs (big fonts in a small window)."""
        return self.layout is not None and self.layout.mode != "split"

    @property
    def shown_pane(self) -> Pane:
        """With tabs, which pane is on screen: the focused one (the brief only when it has a
        tab of its own), else the last of code and results."""
        if self.focus == "results" or (
            self.focus == "brief" and self.layout is not None and self.layout.mode == "all_tabs"
        ):
            return self.focus
        return self._last_pane

    # -- input --------------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        name, editor = intent.name, self.panes.editor
        command = self.commands.for_action(name)
        if name == "keyup":
            editor.handle_event(intent.event)  # ends the editor's own key repeat
        elif command is not None:
            command()
        elif name == "focus":
            self.set_focus(FOCUS_ORDER[(FOCUS_ORDER.index(self.focus) + 1) % len(FOCUS_ORDER)])
        elif intent.is_pointer:
            self._pointer(intent)
        elif self.focus != "editor" and (name == "text" or _edits_code(intent)):
            self.set_focus("editor")
            editor.handle_event(intent.event)
        elif self.focus == "editor":
            editor.handle_event(intent.event)
        elif self.focus == "brief":
            self.panes.brief.scroll.handle(intent)
        else:
            self.panes.results.handle_event(intent.event)

    def _pointer(self, intent: Intent) -> None:
        layout, panes = self.layout, self.panes
        if layout is None:
            return
        brief_on, editor_on, results_on = (
            layout.shows(pane, self.shown_pane) for pane in ("brief", "editor", "results")
        )
        if intent.name == "click" and self._clicked(intent.pos, brief_on, editor_on, results_on):
            return
        if brief_on and panes.brief.scroll.handle(intent, keys=False):
            return
        if editor_on and (
            panes.editor.rect.collidepoint(intent.pos) or intent.name in ("release", "motion")
        ):
            panes.editor.handle_event(intent.event)
        if results_on and panes.results.rect.collidepoint(intent.pos):
            panes.results.handle_event(intent.event)

    def _clicked(
        self, pos: tuple[int, int], brief_on: bool, editor_on: bool, results_on: bool
    ) -> bool:
        """A click on a button or a tab (True: nothing else takes it); on a pane, the pane
        takes the focus and the click too."""
        assert self.layout is not None
        for button in self.layout.buttons:
            if button.rect.collidepoint(pos) and button.enabled:
                self.commands.for_button(button.key)()
                return True
        for key, rect in self.layout.tabs:
            if rect.collidepoint(pos):
                self.set_focus(key)
                return True
        if brief_on and self.panes.brief.scroll.view.collidepoint(pos):
            self.set_focus("brief")
        elif results_on and self.panes.results.rect.collidepoint(pos):
            self.set_focus("results")
        elif editor_on and self.panes.editor.rect.collidepoint(pos):
            self.set_focus("editor")
        return False


def _edits_code(intent: Intent) -> bool:
    """A key press the code editor's table reads as editing the code (select all, paste, ...)."""
    event = intent.event
    return intent.name == "key" and _EDITOR_KEYS.action(event.key, event.mod) in CODE_ACTIONS
