"""Keyboard plumbing for the editor: the key table's dispatch for the code editor's rows
(`EDITOR_KEYS`) and for the game's own rows that text fields read (`FIELD_KEYS`: Enter, the
arrows, Backspace, Tab), which keys belong to the terminal screen (never consumed) and key
repeat for held editing keys that works whether or not the app enabled
`pygame.key.set_repeat`. (Which modifier means "command" is `game.ui.intents.command_held`.)
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.intents import DEFAULT_KEYS, KeyDispatch, command_held

EDITOR_KEYS = KeyDispatch(editor=True)
FIELD_KEYS = DEFAULT_KEYS

_FUNCTION_KEYS = frozenset(getattr(pygame, f"K_F{i}") for i in range(1, 13))
_ENTER_KEYS = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER})
REPEATABLE = frozenset({
    pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
    pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB,
    pygame.K_z, pygame.K_y,
})  # fmt: skip
MODIFIER_KEYS = frozenset({
    pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT,
    pygame.K_LMETA, pygame.K_RMETA, pygame.K_LGUI, pygame.K_RGUI, pygame.K_MODE, pygame.K_CAPSLOCK,
})  # fmt: skip

REPEAT_DELAY_S = 0.42
REPEAT_INTERVAL_S = 1 / 30
_MAX_REPEATS_PER_UPDATE = 4  # after a slow frame, catch up a little rather than jump


def reserved(key: int, mod: int) -> bool:
    """Keys the terminal screen owns: Run / Try, leaving, help and function keys, save, quit."""
    if key == pygame.K_ESCAPE or key in _FUNCTION_KEYS:
        return True
    return command_held(mod) and (key in _ENTER_KEYS or key in (pygame.K_s, pygame.K_q))


class KeyRepeat:
    """Repeats the action of a held key after a delay. If the system already repeats KEYDOWN
    events (the same key arrives twice without a KEYUP), this stays out of the way for good."""

    def __init__(self) -> None:
        self._held: tuple[int, Callable[[], object]] | None = None
        self._wait = 0.0
        self.system_repeats = False

    def press(self, key: int, action: Callable[[], object]) -> None:
        if self._held is not None and self._held[0] == key:
            self.system_repeats = True
        self._held = None
        if key in REPEATABLE and not self.system_repeats:
            self._held = (key, action)
            self._wait = REPEAT_DELAY_S

    def release(self, key: int | None = None) -> None:
        if key is None or (self._held is not None and self._held[0] == key):
            self._held = None

    def update(self, dt: float) -> None:
        if self._held is None:
            return
        self._wait -= dt
        repeats = 0
        while self._wait <= 0 and self._held is not None and repeats < _MAX_REPEATS_PER_UPDATE:
            self._held[1]()
            self._wait += REPEAT_INTERVAL_S
            repeats += 1
        self._wait = max(self._wait, 0.0)
