"""Raw pygame events -> intents, before any screen sees them.

Screens react to intents ("confirm", "back", "run", "number"...) rather than key codes, so the
key map lives in one place and mouse, keyboard and tests drive the same paths. Each intent keeps
its raw event: the code editor needs the real keystrokes. Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

CTRL = pygame.KMOD_CTRL | pygame.KMOD_META  # Cmd on macOS acts as Ctrl


def typing_chord(mod: int) -> bool:
    """Ctrl together with Alt is AltGr on Windows, and some systems report AltGr as MODE: such
    a chord types a character (German AltGr+Q is "@", AltGr+7 is "{"), it is never a
    shortcut."""
    return bool(mod & pygame.KMOD_MODE) or bool(mod & pygame.KMOD_CTRL and mod & pygame.KMOD_ALT)


def command_held(mod: int) -> bool:
    """Ctrl, or Cmd on macOS, as a shortcut (not as half of AltGr)."""
    return bool(mod & CTRL) and not typing_chord(mod)


@dataclass(frozen=True)
class Intent:
    name: str
    event: pygame.event.Event
    value: int = 0  # the number for "number", the wheel steps for "wheel"
    pos: tuple[int, int] = (0, 0)

    @property
    def is_pointer(self) -> bool:
        return self.name in ("click", "release", "motion", "wheel", "rclick")


# Keys that mean the same on every screen. Text-editing screens still get the raw event.
_PLAIN_KEYS: dict[int, str] = {
    pygame.K_RETURN: "confirm",
    pygame.K_KP_ENTER: "confirm",
    pygame.K_SPACE: "advance",
    pygame.K_ESCAPE: "back",
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_PAGEUP: "page_up",
    pygame.K_PAGEDOWN: "page_down",
    pygame.K_HOME: "home",
    pygame.K_END: "end",
    pygame.K_TAB: "tab",
    pygame.K_BACKSPACE: "erase",
    pygame.K_DELETE: "delete",
    pygame.K_F1: "hint",
    pygame.K_F2: "device",
    pygame.K_F3: "focus",
    pygame.K_F5: "reload",
    pygame.K_F6: "quicksave",
    pygame.K_F9: "quickload",
    pygame.K_F10: "dev",
    pygame.K_F11: "fullscreen",
    pygame.K_F12: "screenshot",
}

_LETTER_KEYS: dict[int, str] = {
    pygame.K_h: "history",
    pygame.K_s: "skip",
    pygame.K_m: "map",
    pygame.K_v: "voice",  # self-voicing on/off, the key Ren'Py uses
}


def map_event(event: pygame.event.Event) -> Intent | None:
    """The intent for one raw event, or None for events no screen cares about."""
    t = event.type
    if t == pygame.QUIT:
        return Intent("quit", event)
    if t == pygame.VIDEORESIZE or t == pygame.WINDOWSIZECHANGED:
        return Intent("resize", event)
    if t == pygame.TEXTINPUT:
        return Intent("text", event)
    if t == pygame.MOUSEBUTTONDOWN:
        if event.button == 1:
            return Intent("click", event, pos=event.pos)
        if event.button == 3:
            return Intent("rclick", event, pos=event.pos)
        return None
    if t == pygame.MOUSEBUTTONUP and event.button == 1:
        return Intent("release", event, pos=event.pos)
    if t == pygame.MOUSEMOTION:
        return Intent("motion", event, pos=event.pos)
    if t == pygame.MOUSEWHEEL:
        return Intent("wheel", event, value=int(event.y))  # the app fills in the pointer
    if t == pygame.KEYUP:
        return Intent("keyup", event)
    if t != pygame.KEYDOWN:
        return None
    return _key_intent(event)


def _key_intent(event: pygame.event.Event) -> Intent:
    key, mod = event.key, event.mod
    if typing_chord(mod):
        return Intent("key", event)  # its character arrives as a TEXTINPUT event
    ctrl, shift = command_held(mod), bool(mod & pygame.KMOD_SHIFT)
    alt = bool(mod & pygame.KMOD_ALT)  # Option on macOS types characters too
    if ctrl and key in (pygame.K_RETURN, pygame.K_KP_ENTER):
        return Intent("try" if shift else "run", event)
    if ctrl and key == pygame.K_q:
        return Intent("quit", event)
    if ctrl and key == pygame.K_s:
        return Intent("quicksave", event)
    if key == pygame.K_TAB and shift:
        return Intent("tab_back", event)
    if not ctrl and not alt and pygame.K_1 <= key <= pygame.K_9:
        return Intent("number", event, value=key - pygame.K_0)
    if not ctrl and not alt and pygame.K_KP1 <= key <= pygame.K_KP9:
        return Intent("number", event, value=key - pygame.K_KP1 + 1)
    if key in _PLAIN_KEYS:
        return Intent(_PLAIN_KEYS[key], event)
    if not ctrl and not alt and key in _LETTER_KEYS:
        return Intent(_LETTER_KEYS[key], event)
    return Intent("key", event)


# Intents that carry no typing, so a text box may ignore them safely.
GLOBAL_INTENTS = frozenset({"run", "try", "quit", "quicksave", "quickload", "reload", "fullscreen"})
