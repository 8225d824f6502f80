"""Drive the real game headless, for tests and benchmarks: post real key and mouse events,
step frames with a fixed time step, and read the text description of the screen on top.

    with Driver() as d:
        d.press("return")
        d.type_text("x = 1\n")
        d.until(lambda: "passed: True" in d.describe())

Must not import torch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.ui.app import App
from game.ui.stack import Screen

DT = 1.0 / 60


class DriverTimeout(AssertionError):
    pass


class Driver:
    def __init__(
        self,
        mod_paths: list[Path] | None = None,
        size: tuple[int, int] = (1280, 800),
        *,
        runner: bool = True,
    ):
        self.app = App(list(mod_paths or []), headless=True, size=size, start_runner=runner)
        self.app.run(frames=1)  # first frame; starts content loading and the runner

    def __enter__(self) -> Driver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.app.close()

    # -- time -----------------------------------------------------------------------------
    def step(self, frames: int = 1) -> None:
        for _ in range(frames):
            self.app.step(DT)
            self.app.frames += 1

    def until(self, condition: Callable[[], bool], timeout_s: float = 60.0, what: str = "") -> None:
        """Step frames until `condition()` holds; fail with the screen text after timeout."""
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise DriverTimeout(
                    f"timed out waiting for {what or condition}:\n{self.describe()}"
                )
            self.step()
            time.sleep(0.002)  # let the runner and writer threads breathe

    # -- input ----------------------------------------------------------------------------
    def press(
        self, key: str | int, *, ctrl: bool = False, shift: bool = False, frames: int = 1
    ) -> None:
        code = key if isinstance(key, int) else pygame.key.key_code(key)
        mod = (pygame.KMOD_LCTRL if ctrl else 0) | (pygame.KMOD_LSHIFT if shift else 0)
        unicode = "" if ctrl or not isinstance(key, str) or len(key) != 1 else key
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=unicode, scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, scancode=0))
        self.step(frames)

    def type_text(self, text: str) -> None:
        """Type text the way the OS delivers it: TEXTINPUT per line chunk, Enter as a key
        (so the editor's auto-indent applies, as for a player typing)."""
        for i, line in enumerate(text.split("\n")):
            if i:
                self.press("return")
            if line:
                pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=line))
                self.step()

    def enter_text(self, text: str) -> None:
        """Deliver `text` as one input event, newlines included, as an input method or a
        paste does: the code arrives exactly as written, with its own indentation."""
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        self.step()

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.step()

    def wheel(self, steps: int) -> None:
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEWHEEL,
                x=0,
                y=steps,
                flipped=False,
                precise_x=0.0,
                precise_y=float(steps),
            )
        )
        self.step()

    # -- reading --------------------------------------------------------------------------
    @property
    def screen(self) -> Screen:
        top = self.app.ctx.stack.top
        assert top is not None
        return top

    def describe(self) -> str:
        return self.screen.describe()

    def screenshot(self, path: Path) -> None:
        self.app.screenshot(path)
