"""StoryCursor: where the scene screen stands in the story. It owns the view of the current
node and which of its lines is on show, walks those lines, says which way the node goes on
once they are read (along `next`, to an ending, to a puzzle's gate) and makes the story moves
(`next`, a choice) through the session, which keeps the rules and the autosaves.

Pure: no pygame, no torch. The scene screen owns one and presents what it says; StoryError
from the story passes through for the screen to show.
"""

from __future__ import annotations

from typing import Literal

from game.session.playthrough import GameSession
from game.story.engine import ShownLine, StoryView

WayOn = Literal["next", "ending", "puzzle"]


class StoryCursor:
    def __init__(self, session: GameSession) -> None:
        self.session = session
        self.view: StoryView | None = None
        self.line_index = 0

    def rebind(self, session: GameSession) -> None:
        """Follow a session that replaced ours (a quickload); the view stays until `load`."""
        self.session = session

    @property
    def stale(self) -> bool:
        """The story stands somewhere else than the view on show (moved behind our back: a
        solved puzzle's gate, a load)."""
        state = self.session.state
        return self.view is None or (self.view.scene_id, self.view.node_id) != (
            state.scene,
            state.node,
        )

    def load(self) -> StoryView:
        """The current node's view, from its first line. Raises StoryError (and keeps the
        view it had) when the story lost its place."""
        self.view = self.session.story.view()
        self.line_index = 0
        return self.view

    # -- lines ----------------------------------------------------------------------------
    @property
    def line(self) -> ShownLine | None:
        if self.view and self.view.lines:
            return self.view.lines[min(self.line_index, len(self.view.lines) - 1)]
        return None

    @property
    def at_last_line(self) -> bool:
        return self.view is not None and self.line_index >= len(self.view.lines) - 1

    def next_line(self) -> bool:
        """Step to the next line of the node; False (staying put) on its last line."""
        if self.view is None or self.at_last_line:
            return False
        self.line_index += 1
        return True

    # -- going on -------------------------------------------------------------------------
    @property
    def way_on(self) -> WayOn | None:
        """Where the node leads once its lines are read and it asks no choice."""
        view = self.view
        if view is None:
            return None
        if view.can_advance:
            return "next"
        if view.ending is not None:
            return "ending"
        return "puzzle" if view.puzzle is not None else None

    @property
    def at_gate(self) -> bool:
        """The node ends the walk here: an ending or a puzzle's gate (skipping stops)."""
        return self.view is not None and bool(self.view.ending or self.view.puzzle)

    def move_on(self) -> None:
        """Follow the node's `next` (raises StoryError where it cannot); `load` shows it."""
        self.session.advance()

    def choose(self, index: int) -> None:
        """Take choice `index` (raises StoryError where it cannot); `load` shows it."""
        self.session.choose(index)

    def may_skip(self, unseen_too: bool) -> bool:
        """Whether skipping may run through this node: read before, in any playthrough, or
        the player lets skip run through text never read."""
        return self.view is not None and (unseen_too or self.session.current_seen_before)
