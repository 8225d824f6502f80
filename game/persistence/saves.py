"""Save slots: `saves/<slot>.json` (+ `<slot>.png` thumbnail) in the user folder.

Slots are `auto` (written at every story step), `quick` (the quicksave key) and numbered manual
slots. Each write is atomic with rotating backups; a damaged save is set aside and its newest
good backup loads, with a message. A `FolderLock` makes a second game instance read-only, so two
windows never overwrite each other's saves. Must not import pygame or torch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from game import __version__
from game.persistence.atomic import atomic_write
from game.persistence.jsonfile import Loaded, load_model
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
        if thumbnail_png is not None:
            atomic_write(self.thumbnail_path(slot), thumbnail_png, keep_backups=0)
        atomic_write(self.path(slot), data)

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
