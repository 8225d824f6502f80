"""What the game remembers across playthroughs: story nodes ever read and endings ever reached.

Skip mode uses `seen` to run through text read in an earlier playthrough; the credits list the
endings. Stored as `persistent.json` beside the settings. Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from game.persistence.jsonfile import Loaded, load_model, store_model
from game.persistence.paths import user_home
from game.persistence.writer import BackgroundWriter

PERSISTENT_VERSION = 1


class Persistent(BaseModel):
    model_config = ConfigDict(extra="ignore")

    schema_version: int = PERSISTENT_VERSION
    seen: set[str] = Field(default_factory=set, description="`scene:node` ids ever read.")
    endings: list[str] = Field(default_factory=list, description="Ending ids ever reached.")


def persistent_file() -> Path:
    return user_home() / "persistent.json"


def load_persistent(path: Path | None = None) -> Loaded[Persistent]:
    outcome = load_model(
        path or persistent_file(), Persistent, current=PERSISTENT_VERSION, what="read-text record"
    )
    if outcome.model is None:
        outcome.model = Persistent()
    return outcome


def save_persistent(value: Persistent, path: Path | None = None) -> None:
    store_model(path or persistent_file(), value, keep_backups=1)


def queue_persistent_save(writer: BackgroundWriter, value: Persistent) -> None:
    """Write the record in the background; a snapshot is taken now, so later changes wait for
    the next save."""
    snapshot = value.model_copy(deep=True)
    writer.submit("persistent", lambda: save_persistent(snapshot))
