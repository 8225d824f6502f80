"""One playthrough in progress: the Story, its autosaves, drafts and play time.

Pure coordination between the story engine and the save store; the UI hands in thumbnail
bytes. Autosave happens after every story step (the UI calls `autosave` right after drawing the
new step, so the thumbnail shows it); code drafts are saved a moment after typing pauses.
Writes go through the background writer, so no frame ever waits for the disk.
Must not import pygame or torch.
"""

from __future__ import annotations

from game.content.library import ContentLibrary
from game.persistence.persistent import Persistent
from game.persistence.saves import AUTO, SaveFile, SaveMeta, SaveStore, now_iso
from game.persistence.writer import BackgroundWriter
from game.story.engine import Story, StoryError
from game.story.state import GameState
from game.ui.markup import plain_text

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
        self.wants_autosave = True  # the first frame of a new or loaded game is saved too
        self._draft_timer: float | None = None
        self.persistent_dirty = False
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
    def step_done(self) -> None:
        """Call after every advance/choose/puzzle_solved."""
        self.wants_autosave = True
        self._remember_seen()

    def _remember_seen(self) -> None:
        key = f"{self.state.scene}:{self.state.node}"
        self.current_seen_before = key in self.persistent.seen
        if not self.current_seen_before:
            self.persistent.seen.add(key)
            self.persistent_dirty = True
        for ending in self.state.endings:
            if ending not in self.persistent.endings:
                self.persistent.endings.append(ending)
                self.persistent_dirty = True

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
        """Queue a save of the current moment into `slot`; False if saves are read-only."""
        if not self.saves.writable:
            return False
        data = self.saves.encode(self.snapshot())  # encoded now: a consistent snapshot
        self.writer.submit(slot, lambda: self.saves.write_bytes(slot, data, thumbnail_png))
        if slot == AUTO:
            self.wants_autosave = False
            self._draft_timer = None
        return True

    def autosave(self, thumbnail_png: bytes | None) -> bool:
        return self.save(AUTO, thumbnail_png)
