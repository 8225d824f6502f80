"""Raw pygame events -> intents, before any screen sees them.

Screens react to intents ("confirm", "back", "run", "number"...) rather than key codes; the keys
come from the one table in `game.ui.keymap`, and mouse, keyboard and tests drive the same paths. Each intent keeps
its raw event: the code editor needs the real keystrokes. Must not import torch.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pygame

from game.ui.keymap import MODIFIERS, KeyMap, is_character, split_chord

CTRL = pygame.KMOD_CTRL | pygame.KMOD_META  # Cmd on macOS acts as Ctrl


def typing_chord(mod: int) -> bool:
    """Ctrl together with Alt is AltGr on Windows, and some systems report AltGr as MODE: such
    a chord types a character (German AltGr+Q is "@", AltGr+7 is "{"), it is never a
    shortcut."""
    return bool(mod & pygame.KMOD_MODE) or bool(mod & pygame.KMOD_CTRL and mod & pygame.KMOD_ALT)


def command_held(mod: int) -> bool:
    """Ctrl, or Cmd on macOS, as a shortcut (not as half of AltGr)."""
    return bool(mod & CTRL) and not typing_chord(mod)


def held_modifiers(mod: int) -> list[str]:
    """The key table's modifiers (`ctrl`, `shift`, `alt`) held in `mod`; Cmd counts as Ctrl."""
    down = (command_held(mod), bool(mod & pygame.KMOD_SHIFT), bool(mod & pygame.KMOD_ALT))
    return [name for name, held in zip(MODIFIERS, down, strict=True) if held]


@dataclass(frozen=True)
class Intent:
    name: str
    event: pygame.event.Event
    value: int = 0  # the number for "number", the wheel steps for "wheel"
    pos: tuple[int, int] = (0, 0)

    @property
    def is_pointer(self) -> bool:
        return self.name in ("click", "release", "motion", "wheel", "rclick")


class KeyDispatch:
    """Key presses -> intent names, compiled from a `KeyMap` (the one table in
    `game.ui.keymap`, with the player's own keys)."""

    def __init__(self, keymap: KeyMap | None = None, *, editor: bool = False) -> None:
        self.keymap = keymap or KeyMap()
        # The code editor's keys match their Ctrl and Shift exactly (Ctrl+Shift+A is not
        # Select all); Alt there means "by words" and belongs to no chord.
        self.exact = editor
        # key code -> [(modifiers the chord needs, whether the key types, action)]
        self._by_key: dict[int, list[tuple[frozenset[str], bool, str]]] = {}
        with warnings.catch_warnings():
            # pygame warns that key_code may be wrong before pygame.init(); SDL's key names
            # are a fixed table, so the codes are right either way (tests check them).
            warnings.simplefilter("ignore")
            for chord, action in self.keymap.dispatch_table(editor=editor):
                mods, name = split_chord(chord)
                code = pygame.key.key_code(name)
                self._by_key.setdefault(code, []).append((mods, is_character(name), action))

    def action(self, key: int, mod: int) -> str | None:
        """The action of the most specific chord the press satisfies: Ctrl+Shift+Enter is Try
        although Ctrl+Enter (Run) and Enter (confirm) are held too."""
        held = set(held_modifiers(mod))
        if self.exact:
            held.discard("alt")
            return next((a for mods, _, a in self._by_key.get(key, ()) if mods == held), None)
        best: tuple[int, str] | None = None
        for mods, types, action in self._by_key.get(key, ()):
            if not mods <= held or (types and not mods and held & {"ctrl", "alt"}):
                continue  # Ctrl+H is no History; Alt+7 types, it picks no choice
            if best is None or len(mods) > best[0]:
                best = (len(mods), action)
        return best[1] if best else None


DEFAULT_KEYS = KeyDispatch()


def map_event(event: pygame.event.Event, keys: KeyDispatch = DEFAULT_KEYS) -> Intent | None:
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
    return _key_intent(event, keys)


def _key_intent(event: pygame.event.Event, keys: KeyDispatch) -> Intent:
    if typing_chord(event.mod):
        return Intent("key", event)  # its character arrives as a TEXTINPUT event
    action = keys.action(event.key, event.mod)
    if action == "number":
        digit = pygame.key.name(event.key).strip("[]")
        return Intent("number", event, value=int(digit))
    return Intent(action or "key", event)


def chord_of(event: pygame.event.Event) -> str | None:
    """The key table's name for a key press (`ctrl+shift+f4`); None for AltGr chords, which
    type characters."""
    if typing_chord(event.mod):
        return None
    return "+".join([*held_modifiers(event.mod), pygame.key.name(event.key)])


# Intents that carry no typing, so a text box may ignore them safely.
GLOBAL_INTENTS = frozenset({"run", "try", "quit", "quicksave", "quickload", "reload", "fullscreen"})
