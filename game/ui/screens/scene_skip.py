"""Skip: the scene screen's fast-forward through text read before. It owns whether skip is on
(S toggles it) and the pace of its steps; holding Ctrl skips while held. Each frame the screen
asks `tick` what to do: step on (show the page whole, then what Space would do), or tell the
player skip stopped at text never read. Pure: no pygame, no torch.
"""

from __future__ import annotations

from typing import Literal

STEP_S = 0.05  # one page or line every this many seconds

SkipAct = Literal["step", "refused"]


class Skip:
    def __init__(self) -> None:
        self.on = False
        self._timer = 0.0

    def toggle(self) -> bool:
        """S: skip on or off; returns whether it is on now."""
        self.on = not self.on
        return self.on

    def stop(self) -> None:
        self.on = False

    def tick(self, dt: float, *, held: bool, may_skip: bool, blocked: bool) -> SkipAct | None:
        """`held`: Ctrl is down; `may_skip`: the text on show was read before (or the settings
        allow unseen text); `blocked`: the story waits for the player (choices are open).
        "refused" turns skip off at unread text; "step" comes once every STEP_S."""
        if not (self.on or held):
            return None
        if not may_skip or blocked:
            if self.on and not may_skip:
                self.on = False
                return "refused"
            return None
        self._timer -= dt
        if self._timer > 0:
            return None
        self._timer = STEP_S
        return "step"
