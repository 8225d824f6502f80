"""The screen stack: screens ask to push, pop or replace, and hand a result back when they close.

Lifecycle (as in Tuxemon's state stack): `enter()` when pushed, `pause()` when covered,
`resume()` when uncovered, `exit()` when removed. A screen closes itself with `close(result)`;
whoever pushed it gets the result through the `then` callback it gave to `push`. No globals:
each screen holds the context it was made with. Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pygame

    from game.ui.context import Context
    from game.ui.intents import Intent
    from game.ui.snapshot import Snapshot

ResultFn = Callable[[Any], None]


class Screen:
    """Base class. Subclasses override the hooks they need."""

    name = "screen"
    opaque = True  # False: the screens below are drawn first (overlays, dialogs)
    keeps_session_clock = True  # play time runs while this screen is on top
    takes_text = False  # letters are typing here, never shortcuts (the self-voicing key)

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._then: ResultFn | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def enter(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def exit(self) -> None: ...

    # -- per frame ------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None: ...

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...

    def describe(self) -> str:
        """A plain-text picture of the screen for tests and accessibility."""
        return f"screen: {self.name}"

    def snapshot(self) -> Snapshot:
        """The typed description of the screen (see game.ui.snapshot); screens add their
        content, choices, focus and targets through `snap`."""
        return self.snap()

    def snap(self, **parts: Any) -> Snapshot:
        """A snapshot of this screen from `parts`, with the ink it drew last frame and the
        smallest text size the player's scale allows filled in."""
        from game.ui.snapshot import Snapshot
        from game.ui.widgets.ink import LOG

        return Snapshot(screen=self.name, ink=LOG.of(self), min_px=self.ctx.fonts.min_px, **parts)

    # -- navigation -----------------------------------------------------------------------
    def close(self, result: Any = None) -> None:
        self.ctx.stack.pop(self, result)


class ScreenStack:
    def __init__(self) -> None:
        self._screens: list[Screen] = []

    @property
    def top(self) -> Screen | None:
        return self._screens[-1] if self._screens else None

    @property
    def screens(self) -> list[Screen]:
        return list(self._screens)

    def __len__(self) -> int:
        return len(self._screens)

    def push(self, screen: Screen, then: ResultFn | None = None) -> None:
        if self._screens:
            self._screens[-1].pause()
        screen._then = then
        self._screens.append(screen)
        screen.enter()

    def pop(self, screen: Screen | None = None, result: Any = None) -> None:
        """Remove `screen` (default: the top) and hand `result` to whoever pushed it."""
        if not self._screens:
            return
        target = screen or self._screens[-1]
        if target not in self._screens:
            return  # already closed (e.g. two close requests in one frame)
        was_top = target is self._screens[-1]
        self._screens.remove(target)
        target.exit()
        if was_top and self._screens:
            self._screens[-1].resume()
        if target._then is not None:  # may push again: the lifecycle stays resume -> pause
            target._then(result)

    def replace(self, screen: Screen, then: ResultFn | None = None) -> None:
        """Swap the top screen for `screen` (the old one's result callback is not called)."""
        if self._screens:
            old = self._screens.pop()
            old.exit()
        screen._then = then
        self._screens.append(screen)
        screen.enter()

    def reset(self, screen: Screen) -> None:
        """Clear everything and start over from `screen` (e.g. back to the title)."""
        while self._screens:
            self._screens.pop().exit()
        self.push(screen)

    def discard(self, screen: Screen) -> None:
        """Drop a broken screen without running its hooks (they may be what is broken)."""
        if screen in self._screens:
            self._screens.remove(screen)

    def visible(self) -> list[Screen]:
        """Screens to draw, bottom first: from the top-most opaque screen up."""
        start = 0
        for i in range(len(self._screens) - 1, -1, -1):
            if self._screens[i].opaque:
                start = i
                break
        return self._screens[start:]
