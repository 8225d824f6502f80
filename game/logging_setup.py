"""The session log: one file per run of the game in the user folder's `logs/`, the newest few
kept, so a player can attach it to a bug report and a modder can read why a mod was switched
off. It records the game and Python versions, every mod's state and problems, content
reloads, saves kept aside, screens that failed (with their traceback) and everything the
runner service prints on stderr (the service appends to the same file; see `LOG_ENV`).

No pygame, no torch.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
from pathlib import Path
from types import TracebackType

from game import __version__
from game.persistence.paths import logs_dir

LOG_ENV = "TORCHENSTEIN_LOG"
"""Where the session's log is; child processes (the runner service) append their stderr."""
KEEP = 10
NAME = "torchenstein"

_current: Path | None = None


def logger(part: str = "") -> logging.Logger:
    return logging.getLogger(f"{NAME}.{part}" if part else NAME)


def _prune(folder: Path, keep: int) -> None:
    logs = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:-keep]:
        old.unlink(missing_ok=True)


def start_session_log(what: str = "play") -> Path:
    """Open this session's log file (once per process) and return its path."""
    global _current
    if _current is not None:
        return _current
    folder = logs_dir()
    path = folder / f"{what}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    os.environ[LOG_ENV] = str(path)
    _current = path
    _prune(folder, KEEP)
    previous = sys.excepthook

    def log_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        root.critical("the game stopped", exc_info=(kind, exc, tb))
        previous(kind, exc, tb)

    sys.excepthook = log_crash
    root.info(
        "Torchenstein %s, Python %s, %s; command: %s",
        __version__,
        platform.python_version(),
        platform.platform(),
        " ".join(sys.argv),
    )
    return path


def current_log() -> Path | None:
    """This session's log file, if one was started."""
    return _current


def where_logs_are() -> str:
    """A sentence for the Mods and Settings screens."""
    now = current_log()
    folder = logs_dir()
    if now is None:
        return f"Session logs are kept in `{folder}`."
    return (
        f"This session's log: `{now}` (the last {KEEP} are kept in `{folder}`). Attach it to a "
        "bug report."
    )
