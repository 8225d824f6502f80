"""Load and store one pydantic model as a JSON file, with migrations and recovery.

`load_model` never raises on bad data: a missing file gives `None`; an empty, truncated,
garbage, invalid or future-version file is set aside (renamed, never deleted) and the newest
good backup is loaded instead, with a message the UI shows the player. Must not import pygame
or torch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from game.persistence.atomic import DEFAULT_BACKUPS, atomic_write, backups, set_aside

M = TypeVar("M", bound=BaseModel)
Migration = Callable[[dict[str, Any]], dict[str, Any]]


class DamagedFile(Exception):
    """Why a file could not be used, in words for the player."""


@dataclass
class Loaded(Generic[M]):
    """The outcome of a load: the model (or None) and what happened, for the player."""

    model: M | None
    messages: list[str] = field(default_factory=list)
    set_aside: list[Path] = field(default_factory=list)
    from_backup: Path | None = None


def migrate(doc: dict[str, Any], current: int, migrations: dict[int, Migration]) -> dict[str, Any]:
    """Upgrade `doc` step by step from its `schema_version` to `current`."""
    version = doc.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise DamagedFile(f"it has an unreadable schema_version ({version!r})")
    if version > current:
        raise DamagedFile(
            f"it was written by a newer Torchenstein (format {version}; this one reads up to "
            f"{current})"
        )
    while version < current:
        step = migrations.get(version)
        if step is None:
            raise DamagedFile(f"no upgrade is known from format {version}")
        doc = step(doc)
        version += 1
        doc["schema_version"] = version
    return doc


def parse(data: bytes, model: type[M], current: int, migrations: dict[int, Migration]) -> M:
    """Bytes -> model, or DamagedFile saying why not."""
    if not data.strip():
        raise DamagedFile("it is empty")
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFile("it is not text (garbage bytes)") from None
    except json.JSONDecodeError as exc:
        raise DamagedFile(f"it is cut short or garbled (JSON error at line {exc.lineno})") from None
    if not isinstance(doc, dict):
        raise DamagedFile("it does not hold a save record")
    doc = migrate(doc, current, migrations)
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise DamagedFile(f"its data is invalid at `{where}`: {first['msg']}") from None


def load_model(
    path: Path,
    model: type[M],
    *,
    current: int,
    migrations: dict[int, Migration] | None = None,
    what: str = "file",
    keep_backups: int = DEFAULT_BACKUPS,
) -> Loaded[M]:
    """Load `path`, falling back to its newest good backup (which is then restored in place)."""
    migrations = migrations or {}
    outcome: Loaded[M] = Loaded(model=None)
    if not path.exists():
        return outcome
    try:
        outcome.model = parse(path.read_bytes(), model, current, migrations)
        return outcome
    except (DamagedFile, OSError) as exc:
        aside = set_aside(path, "damaged")
        outcome.set_aside.append(aside)
        outcome.messages.append(
            f"The {what} could not be read because {_reason(exc)}. "
            f"It was set aside as {aside.name}."
        )
    for candidate in backups(path, keep_backups):
        try:
            data = candidate.read_bytes()
            outcome.model = parse(data, model, current, migrations)
        except (DamagedFile, OSError):
            continue
        atomic_write(path, data, keep_backups=0)
        outcome.from_backup = candidate
        outcome.messages.append(f"Loaded the newest good backup ({candidate.name}) instead.")
        return outcome
    outcome.messages.append("No good backup was found.")
    return outcome


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, DamagedFile) else f"the disk said: {exc}"


def store_model(path: Path, value: BaseModel, *, keep_backups: int = DEFAULT_BACKUPS) -> None:
    atomic_write(path, value.model_dump_json(indent=1).encode("utf-8"), keep_backups=keep_backups)
