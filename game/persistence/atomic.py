"""Atomic file writes with rotating backups.

A write goes to a temporary file in the same folder, is flushed and fsynced, then replaces the
target in one `os.replace`; the folder is fsynced too where the platform allows it. Before the
replace, the current file is kept as `NAME.1` (older copies shift to `.2`, `.3`, ...), so a
damaged file always has a good predecessor to fall back to. Must not import pygame or torch.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DEFAULT_BACKUPS = 3


def backup_path(path: Path, n: int) -> Path:
    """The n-th newest backup of `path` (1 = newest)."""
    return path.with_name(f"{path.name}.{n}")


def backups(path: Path, keep: int = DEFAULT_BACKUPS) -> list[Path]:
    """Existing backups of `path`, newest first."""
    return [p for p in (backup_path(path, n) for n in range(1, keep + 1)) if p.is_file()]


def _fsync_dir(folder: Path) -> None:
    # Directories cannot be opened for fsync on Windows; the rename is still atomic there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rotate(path: Path, keep: int) -> None:
    """Shift NAME.1 -> NAME.2 ... and keep the current file as NAME.1 (hard link if possible)."""
    if keep <= 0 or not path.is_file():
        return
    oldest = backup_path(path, keep)
    if oldest.exists():
        oldest.unlink()
    for n in range(keep - 1, 0, -1):
        src = backup_path(path, n)
        if src.exists():
            os.replace(src, backup_path(path, n + 1))
    newest = backup_path(path, 1)
    try:
        os.link(path, newest)  # the old inode survives the replace below: a free backup
    except OSError:
        newest.write_bytes(path.read_bytes())


def atomic_write(path: Path, data: bytes, *, keep_backups: int = DEFAULT_BACKUPS) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _rotate(path, keep_backups)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def set_aside(path: Path, reason: str) -> Path:
    """Move a damaged file out of the way (never delete the player's data) and say where."""
    n = 1
    while True:
        target = path.with_name(f"{path.name}.{reason}-{n}")
        if not target.exists():
            break
        n += 1
    os.replace(path, target)
    return target
