"""`torchenstein play --keys FILE`: play a script of keys, so a mod can be played in CI.

One step per line; blank lines and lines starting with `#` are skipped:

    return                 press a key (pygame key names: return, space, escape, down, f5, a)
    ctrl+return            a key with modifiers (ctrl, shift, alt)
    type return x * 2      type text as the keyboard would
    wait 30                let 30 frames pass
    expect Double or Nothing   wait until the screen shows this text (at most 600 frames)
    screenshot shot.png    save the window as PNG

An `expect` that is not met stops the game with exit code 1 and prints what the screen showed.
Steps run one per frame, after the content has loaded. Must not import torch.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.ui.app import App

EXPECT_FRAMES = 600
_MODS = {"ctrl": pygame.KMOD_LCTRL, "shift": pygame.KMOD_LSHIFT, "alt": pygame.KMOD_LALT}


class KeyScriptError(ValueError):
    """A line of the script that cannot be played, as `file:line: why`."""


@dataclass(frozen=True)
class Step:
    kind: str  # press, type, wait, expect, screenshot
    line: int
    key: int = 0
    mod: int = 0
    text: str = ""
    frames: int = 0


def _key(name: str, where: str) -> tuple[int, int]:
    *mods, key = name.split("+")
    mod = 0
    for m in mods:
        if m.lower() not in _MODS:
            raise KeyScriptError(f"{where}: unknown modifier `{m}` (use ctrl, shift or alt)")
        mod |= _MODS[m.lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pygame.key.key_code(key), mod
    except ValueError:
        raise KeyScriptError(
            f"{where}: unknown key `{key}` (pygame names: return, space, escape, up, f5, a)"
        ) from None


def parse(text: str, file: str) -> list[Step]:
    steps = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{file}:{n}"
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word == "type":
            steps.append(Step("type", n, text=rest))
        elif word == "wait":
            if not rest.isdigit():
                raise KeyScriptError(f"{where}: `wait` takes a number of frames, e.g. `wait 30`")
            steps.append(Step("wait", n, frames=int(rest)))
        elif word == "expect":
            if not rest:
                raise KeyScriptError(f"{where}: `expect` needs the text to wait for")
            steps.append(Step("expect", n, text=rest))
        elif word == "screenshot":
            steps.append(Step("screenshot", n, text=rest or "screenshot.png"))
        elif rest:
            raise KeyScriptError(f"{where}: `{line}` is not a step (a key, type, wait, expect)")
        else:
            key, mod = _key(word, where)
            steps.append(Step("press", n, key=key, mod=mod))
    return steps


class KeyPlayer:
    """Feeds the steps to the game, one per frame."""

    def __init__(self, steps: list[Step], file: str):
        self.steps, self.file = steps, file
        self.index = 0
        self.waited = 0
        self.failure: str | None = None

    @classmethod
    def load(cls, path: Path) -> KeyPlayer:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyScriptError(f"{path}: cannot read the key script: {exc}") from None
        return cls(parse(text, str(path)), str(path))

    @property
    def done(self) -> bool:
        return self.failure is not None or self.index >= len(self.steps)

    def tick(self, app: App) -> None:
        if self.done:
            return
        step = self.steps[self.index]
        if step.kind == "wait" and self.waited < step.frames:
            self.waited += 1
            return
        if step.kind == "expect":
            top = app.ctx.stack.top
            shown = top.describe() if top is not None else ""
            if step.text not in shown:
                self.waited += 1
                if self.waited > EXPECT_FRAMES:
                    self.failure = (
                        f"{self.file}:{step.line}: expected `{step.text}` on the screen, which "
                        f"shows:\n{shown}"
                    )
                    print(self.failure, file=sys.stderr)
                return
        elif step.kind == "press":
            unicode = ""
            name = pygame.key.name(step.key)
            if not step.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT) and len(name) == 1:
                unicode = name.upper() if step.mod & pygame.KMOD_SHIFT else name
            down: dict[str, Any] = {
                "key": step.key,
                "mod": step.mod,
                "unicode": unicode,
                "scancode": 0,
            }
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, **down))
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=step.key, mod=step.mod))
        elif step.kind == "type" and step.text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=step.text))
        elif step.kind == "screenshot":
            app.screenshot(Path(step.text))
        self.index += 1
        self.waited = 0
