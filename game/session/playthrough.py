"""One playthrough in progress: the Story, its autosaves, drafts and play time, and what runs,
hints and endings change in it.

Pure coordination between the story engine and the save store; the UI hands in thumbnail
bytes. The session decides when an autosave is due (after every story step, run, hint, ending
and when the terminal closes); the app asks `autosave_due` once per frame and calls `autosave`
right after drawing, so the thumbnail shows the new moment. Code drafts are saved a moment
after typing pauses; the cross-playthrough record (text seen, endings found) is written after
the save that follows its growth. Writes go through the background writer, so no frame ever waits for the disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from game.content.library import ContentLibrary
from game.content.puzzle_models import Goal
from game.persistence.persistent import Persistent, queue_persistent_save
from game.persistence.saves import AUTO, SaveFile, SaveMeta, SaveStore, now_iso
from game.persistence.writer import BackgroundWriter
from game.runner.protocol import RunResult
from game.session.runs import RunOutcome, record_run
from game.story.engine import Story, StoryError
from game.story.state import GameState
from game.text.markup import plain_text

DRAFT_SAVE_DELAY_S = 0.6


class GameSession:
    def __init__(
        self,
        story: Story,
        saves: SaveStore,
        writer: BackgroundWriter,
        persistent: Persistent,
    ):
        self.story = story
        self.saves = saves
        self.writer = writer
        self.persistent = persistent
        self._autosave_due = True  # the first frame of a new or loaded game is saved too
        self._draft_timer: float | None = None
        self._record_grew = False  # the seen/endings record awaits its write
        self.current_seen_before = False  # was the current node read in any playthrough before?
        self._remember_seen()

    @property
    def state(self) -> GameState:
        return self.story.state

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        library: ContentLibrary,
        saves: SaveStore,
        writer: BackgroundWriter,
        persistent: Persistent,
    ) -> GameSession:
        return cls(Story.new_game(library), saves, writer, persistent)

    @classmethod
    def resume(
        cls,
        library: ContentLibrary,
        save: SaveFile,
        saves: SaveStore,
        writer: BackgroundWriter,
        persistent: Persistent,
        *,
        at: tuple[str, str] | None = None,
    ) -> GameSession:
        """A session from a copy of the save (the save itself is never changed). `at` moves the
        copy to another place, progress kept: the way on from a save whose place is missing
        (`game.story.places`); without it such a save raises StoryError."""
        state = save.state.model_copy(deep=True)
        if at is not None:
            state.scene, state.node = at
        story = Story(library, state)
        if not story.has_position():
            raise StoryError(f"the place `{state.scene}:{state.node}` is not in the story")
        return cls(story, saves, writer, persistent)

    # -- story steps --------------------------------------------------------------------------
    def advance(self) -> None:
        """Move on from a node that simply continues (raises StoryError where it cannot)."""
        self.story.advance()
        self.step_done()

    def choose(self, index: int) -> None:
        """Take choice `index` of the current node (raises StoryError where it cannot)."""
        self.story.choose(index)
        self.step_done()

    def at_gate(self, puzzle_id: str) -> bool:
        """Whether the story waits at this puzzle's gate (after a pass it has moved on)."""
        node = self.story.node
        return node.puzzle is not None and node.puzzle.id == puzzle_id

    def step_done(self) -> None:
        """Call after every story move (the methods here call it themselves)."""
        self._autosave_due = True
        self._remember_seen()

    def _remember_seen(self) -> None:
        key = f"{self.state.scene}:{self.state.node}"
        self.current_seen_before = key in self.persistent.seen
        grew = not self.current_seen_before
        self.persistent.seen.add(key)
        for ending in self.state.endings:
            if ending not in self.persistent.endings:
                self.persistent.endings.append(ending)
                grew = True
        self._record_grew = self._record_grew or grew

    # -- the lab terminal ---------------------------------------------------------------------
    def record_run(
        self,
        puzzle_id: str,
        result: RunResult,
        goals: Sequence[Goal],
        code: str,
        hints_total: int = 0,
    ) -> RunOutcome:
        """Record a finished run of `code`; a passing Submit solves the puzzle, which opens its
        gate when the story waits there."""
        outcome = record_run(self.state.progress(puzzle_id), result, goals, code, hints_total)
        self._autosave_due = True
        if not outcome.solved:
            return outcome
        before = (self.state.scene, self.state.node)
        self.story.puzzle_solved(puzzle_id)
        moved = (self.state.scene, self.state.node) != before
        if moved:
            self.step_done()
        return replace(outcome, story_moved=moved)

    def use_hint(self, puzzle_id: str, available: int) -> int | None:
        """Unlock the next of the puzzle's `available` hints: its number (from 1), or None when
        every hint is already out."""
        progress = self.state.progress(puzzle_id)
        if progress.hints_used >= available:
            return None
        progress.hints_used += 1
        self._autosave_due = True
        return progress.hints_used

    def puzzle_left(self) -> None:
        """The terminal closed: the draft as it is now is saved, before the story moves."""
        self._autosave_due = True

    def ending_shown(self) -> None:
        """An ending is on screen: that is the moment the autosave keeps."""
        self._autosave_due = True

    def seen_in_any_playthrough(self, scene: str, node: str) -> bool:
        return f"{scene}:{node}" in self.persistent.seen

    # -- time and drafts ----------------------------------------------------------------------
    def tick(self, dt: float, *, playing: bool) -> bool:
        """Advance the clock; True when a debounced draft save is due now."""
        if playing:
            self.state.play_seconds += dt
        if self._draft_timer is None:
            return False
        self._draft_timer -= dt
        if self._draft_timer <= 0:
            self._draft_timer = None
            return True
        return False

    def draft_changed(self, puzzle_id: str, text: str) -> None:
        self.state.drafts[puzzle_id] = text
        self._draft_timer = DRAFT_SAVE_DELAY_S

    @property
    def draft_pending(self) -> bool:
        return self._draft_timer is not None

    # -- saving -------------------------------------------------------------------------------
    @property
    def autosave_due(self) -> bool:
        """Whether the app should autosave after drawing this frame."""
        return self._autosave_due

    def snapshot(self) -> SaveFile:
        state = self.state.model_copy(deep=True)
        try:
            view = self.story.view()
            scene_title, excerpt = view.scene_title, (view.lines[-1].text if view.lines else "")
            act = next(
                (a.title for a in self.story.library.acts if a.id == view.act),
                view.act,
            )
        except StoryError:
            scene_title, excerpt, act = state.scene, "", ""
        meta = SaveMeta(
            scene=state.scene,
            scene_title=scene_title,
            act_title=act,
            node=state.node,
            saved_at=now_iso(),
            play_seconds=state.play_seconds,
            excerpt=plain_text(excerpt)[:160],
        )
        return SaveFile(meta=meta, state=state)

    def save(self, slot: str, thumbnail_png: bytes | None) -> bool:
        """Queue a save of the current moment into `slot` (then the seen/endings record, if it
        grew); False if saves are read-only."""
        writable = self.saves.writable
        if writable:
            data = self.saves.encode(self.snapshot())  # encoded now: a consistent snapshot
            self.writer.submit(slot, lambda: self.saves.write_bytes(slot, data, thumbnail_png))
            if slot == AUTO:
                self._autosave_due = False
                self._draft_timer = None
        if self._record_grew:
            self._record_grew = False
            queue_persistent_save(self.writer, self.persistent)
        return writable

    def autosave(self, thumbnail_png: bytes | None) -> bool:
        return self.save(AUTO, thumbnail_png)
