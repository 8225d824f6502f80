"""TerminalInput: the lab terminal's keys and pointer. It maps intents to runs, hints, device
and focus changes, routes typing and code chords to the editor, clicks to buttons, tabs and
panes. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.intents import Intent, command_held
from game.ui.screens.terminal_runs import TerminalRuns

FOCUS_ORDER = ("editor", "brief", "results")
_CODE_CHORDS = frozenset(
    {pygame.K_a, pygame.K_v, pygame.K_x, pygame.K_z, pygame.K_y, pygame.K_f, pygame.K_g}
)


class TerminalInput(TerminalRuns):
    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        name = intent.name
        if name == "keyup":
            self.editor.handle_event(intent.event)  # ends the editor's own key repeat
            return
        if name == "back":
            if self.job is not None:
                self._cancel()
            elif not self.editor.close_popup():
                self.close("solved" if self.passed else None)
            return
        if name == "run":
            self._run("submit")
        elif name == "try":
            self._run("try")
        elif name == "hint":
            self._hint()
        elif name == "device":
            self._cycle_device()
        elif name == "focus":
            self._set_focus(FOCUS_ORDER[(FOCUS_ORDER.index(self.focus) + 1) % len(FOCUS_ORDER)])
        elif intent.is_pointer:
            self._pointer(intent)
        elif self.focus != "editor" and (name == "text" or _edits_code(intent)):
            # Typing, select-all, paste, cut and undo always land in the code (after a run the
            # focus may sit on the results: Ctrl+A then typing must still replace the code).
            self._set_focus("editor")
            self.editor.handle_event(intent.event)
        elif self.focus == "editor":
            self.editor.handle_event(intent.event)
        elif self.focus == "brief":
            self.brief.scroll.handle(intent)
        else:
            self.results.handle_event(intent.event)

    def _pointer(self, intent: Intent) -> None:
        layout = self.layout
        if layout is None:
            return
        brief_on, editor_on, results_on = (
            layout.shows(pane, self.shown_pane) for pane in ("brief", "editor", "results")
        )
        if intent.name == "click":
            for button in layout.buttons:
                if button.rect.collidepoint(intent.pos) and button.enabled:
                    self._press(button.key)
                    return
            for key, rect in layout.tabs:
                if rect.collidepoint(intent.pos):
                    self._set_focus(key)
                    return
            if brief_on and self.brief.scroll.view.collidepoint(intent.pos):
                self._set_focus("brief")
            elif results_on and self.results.rect.collidepoint(intent.pos):
                self._set_focus("results")
            elif editor_on and self.editor.rect.collidepoint(intent.pos):
                self._set_focus("editor")
        if brief_on and self.brief.scroll.handle(intent, keys=False):
            return
        if editor_on and (
            self.editor.rect.collidepoint(intent.pos) or intent.name in ("release", "motion")
        ):
            self.editor.handle_event(intent.event)
        if results_on and self.results.rect.collidepoint(intent.pos):
            self.results.handle_event(intent.event)

    def _press(self, key: str) -> None:
        actions = {
            "run": lambda: self._run("submit"),
            "try": lambda: self._run("try"),
            "hint": self._hint,
            "device": self._cycle_device,
            "cancel": self._cancel,
            "back": lambda: self.close("solved" if self.passed else None),
        }
        actions[key]()


def _edits_code(intent: Intent) -> bool:
    """Ctrl+A / V / X / Z / Y / F / G: commands that only make sense on the code."""
    event = intent.event
    return (
        intent.name == "key"
        and event.type == pygame.KEYDOWN
        and event.key in _CODE_CHORDS
        and command_held(event.mod)
    )
