"""Save slots: `saves/<slot>.json` (+ `<slot>.png` thumbnail) in the user folder.

Slots are `auto` (written at every story step), `quick` (the quicksave key) and numbered manual
slots. Each write is atomic with rotating backups; a damaged save is set aside and its newest
good backup loads, with a message. A `FolderLock` makes a second game instance read-only, so two
windows never overwrite each other's saves.

Content changes never cost a save: once the game tells the store which saves fit the loaded
story (`fits`), a write never overwrites a save whose place is missing, and never rotates out
the last backup that still fits; such a save is first copied to the first empty manual slot
(or `saves/kept/` when all are taken), where the Load screen shows it. Must not import pygame
or torch.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from game import __version__
from game.persistence.atomic import DEFAULT_BACKUPS, atomic_write, backup_path
from game.persistence.jsonfile import DamagedFile, Loaded, load_model, parse
from game.persistence.lock import FolderLock
from game.persistence.migrations import SAVE_MIGRATIONS, SAVE_VERSION
from game.persistence.paths import saves_dir
from game.story.state import GameState

AUTO = "auto"
QUICK = "quick"
MANUAL_SLOTS = tuple(str(n) for n in range(1, 13))
ALL_SLOTS = (AUTO, QUICK, *MANUAL_SLOTS)
_SLOT_RE = re.compile(r"^(auto|quick|[1-9][0-9]?)$")


class SaveMeta(BaseModel):
    """What the save/load screen shows for a slot without loading the whole playthrough."""

    scene: str = Field(description="Scene id where the save was made.")
    scene_title: str = Field(description="Scene title at the time of saving.")
    act_title: str = ""
    node: str
    saved_at: str = Field(description="ISO 8601 time of saving (UTC).")
    play_seconds: float = 0.0
    excerpt: str = Field(default="", description="The last line shown, to recognise the save.")


class SaveFile(BaseModel):
    """One save: the format version, the game version that wrote it, the summary and the state."""

    schema_version: int = SAVE_VERSION
    game_version: str = __version__
    meta: SaveMeta
    state: GameState


class ReadOnlySaves(Exception):
    """Another game instance holds the saves folder."""


@dataclass(frozen=True)
class SlotInfo:
    slot: str
    meta: SaveMeta | None  # None: empty slot, or unreadable summary (see `damaged`)
    damaged: bool
    thumbnail: Path | None

    @property
    def empty(self) -> bool:
        return self.meta is None and not self.damaged


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_slot(slot: str) -> str:
    if not _SLOT_RE.match(slot):
        raise ValueError(f"`{slot}` is not a save slot (auto, quick or 1-99)")
    return slot


class SaveStore:
    """All save slots of one user folder."""

    def __init__(self, folder: Path | None = None, *, lock: bool = True):
        self.folder = folder or saves_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FolderLock(self.folder)
        self.writable = self._lock.acquire() if lock else True
        self.fits: Callable[[SaveFile], bool] | None = None
        """Does a save fit the story loaded now? Set by the game once content is loaded;
        until then nothing is judged stranded."""
        self._kept: list[str] = []
        self._kept_lock = threading.Lock()

    def close(self) -> None:
        self._lock.release()

    def path(self, slot: str) -> Path:
        return self.folder / f"{check_slot(slot)}.json"

    def thumbnail_path(self, slot: str) -> Path:
        return self.folder / f"{check_slot(slot)}.png"

    # -- writing ------------------------------------------------------------------------------
    def encode(self, save: SaveFile) -> bytes:
        return save.model_dump_json().encode("utf-8")

    def write_bytes(self, slot: str, data: bytes, thumbnail_png: bytes | None = None) -> None:
        """Write an encoded save (and its thumbnail) atomically; backups rotate."""
        if not self.writable:
            raise ReadOnlySaves(
                "another Torchenstein window holds the saves; this one can only load"
            )
        self._protect(slot, data)
        if thumbnail_png is not None:
            atomic_write(self.thumbnail_path(slot), thumbnail_png, keep_backups=0)
        atomic_write(self.path(slot), data)

    # -- keeping saves the content no longer fits ----------------------------------------------
    def _fit(self, data: bytes | None) -> bool | None:
        """True/False: the save fits the loaded story or not; None: unreadable or unknown."""
        if data is None or self.fits is None:
            return None
        try:
            return self.fits(parse(data, SaveFile, SAVE_VERSION, SAVE_MIGRATIONS))
        except DamagedFile:
            return None

    def _protect(self, slot: str, data: bytes) -> None:
        """Before `slot` is written: keep its current save if its place is missing, and the
        backup about to rotate out if it is the last one that fits the story."""
        if self.fits is None:
            return
        path = self.path(slot)
        chain = [path, *(backup_path(path, n) for n in range(1, DEFAULT_BACKUPS + 1))]
        saved = [p.read_bytes() if p.is_file() else None for p in chain]
        current, leaving = saved[0], saved[-1]
        if self._fit(current) is False:
            self._keep(slot, current, "its place is missing from the story as loaded now")
        if self._fit(leaving) and not any(self._fit(b) for b in [data, *saved[:-1]]):
            self._keep(slot, leaving, "it is the last save that fits the story loaded now")

    def _keep(self, slot: str, data: bytes | None, why: str) -> None:
        if data is None:
            return
        for other in (*(self.path(s) for s in MANUAL_SLOTS), *self.kept_folder().glob("*.json")):
            if other.is_file() and other.read_bytes() == data:
                return  # kept already
        target = next((s for s in MANUAL_SLOTS if self.peek(s).empty), None)
        if target is not None:
            atomic_write(self.path(target), data, keep_backups=0)
            thumb = self.thumbnail_path(slot)
            if thumb.is_file():
                atomic_write(self.thumbnail_path(target), thumb.read_bytes(), keep_backups=0)
            where = f"slot {target}"
        else:
            kept = self.kept_folder() / f"{slot}-{now_iso().replace(':', '')}.json"
            atomic_write(kept, data, keep_backups=0)
            where = str(kept)
        with self._kept_lock:
            label = {AUTO: "the autosave", QUICK: "the quicksave"}.get(slot, f"slot {slot}")
            self._kept.append(f"An older save from {label} was kept in {where}, because {why}.")

    def kept_folder(self) -> Path:
        return self.folder / "kept"

    def take_kept_messages(self) -> list[str]:
        """What was kept since the last call, for the player (thread-safe)."""
        with self._kept_lock:
            out, self._kept = self._kept, []
        return out

    def write(self, slot: str, save: SaveFile, thumbnail_png: bytes | None = None) -> None:
        self.write_bytes(slot, self.encode(save), thumbnail_png)

    def delete(self, slot: str) -> None:
        if not self.writable:
            raise ReadOnlySaves("another Torchenstein window holds the saves")
        for path in (self.path(slot), self.thumbnail_path(slot)):
            path.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------------
    def load(self, slot: str) -> Loaded[SaveFile]:
        return load_model(
            self.path(slot),
            SaveFile,
            current=SAVE_VERSION,
            migrations=SAVE_MIGRATIONS,
            what=f"save in slot `{slot}`",
        )

    def peek(self, slot: str) -> SlotInfo:
        """The slot's summary, cheaply (the state is not validated); never raises."""
        path = self.path(slot)
        thumb = self.thumbnail_path(slot)
        thumb_or_none = thumb if thumb.is_file() else None
        if not path.is_file():
            return SlotInfo(slot, None, False, None)
        try:
            doc = json.loads(path.read_bytes())
            meta = SaveMeta.model_validate(doc["meta"])
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return SlotInfo(slot, None, True, thumb_or_none)
        return SlotInfo(slot, meta, False, thumb_or_none)

    def slots(self, names: tuple[str, ...] = ALL_SLOTS) -> list[SlotInfo]:
        return [self.peek(name) for name in names]

    def latest(self) -> str | None:
        """The slot with the newest save (what Continue loads), or None."""
        dated = [(info.meta.saved_at, info.slot) for info in self.slots() if info.meta]
        damaged = [info.slot for info in self.slots() if info.damaged]
        if dated:
            return max(dated)[1]
        # A damaged save still offers Continue: loading it recovers the backup.
        return damaged[0] if damaged else None
