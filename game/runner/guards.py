"""Python-level guards around the player's code: output capped at the job's budget, and an audit
hook that refuses, with a clear message, what the kernel's walls would refuse anyway (reading
the puzzle's files, changing files outside the run's folders, starting processes a puzzle does
not allow, signalling the run's parent). They keep learners honest; ctypes gets past them, the
walls behind them hold (see `sandbox`). Must not import torch or pygame.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

EXIT_OUTPUT_LIMIT = 95


class CappedStream:
    """stdout/stderr for the player's code: past `limit` bytes the run ends as output_limit."""

    def __init__(self, fd: int, budget: list[int]) -> None:
        self.fd = fd
        self.budget = budget  # shared between stdout and stderr: [bytes left]

    def write(self, text: str) -> int:
        data = str(text).encode("utf-8", "replace")
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            os._exit(EXIT_OUTPUT_LIMIT)
        os.write(self.fd, data)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.fd

    encoding = "utf-8"


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGE_EVENTS = {
    "os.remove",
    "os.rmdir",
    "os.rename",
    "os.truncate",
    "os.chmod",
    "os.chown",
    "os.mkdir",
    "os.symlink",
    "os.link",
    "os.utime",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
}
_SPAWN_EVENTS = {
    "os.fork",
    "os.forkpty",
    "os.posix_spawn",
    "os.spawn",
    "os.system",
    "os.exec",
    "subprocess.Popen",
    "pty.spawn",
}


def install_audit_hook(protected: list[str], processes: int, workspaces: list[Path]) -> None:
    """Refuse reading puzzle folders (references live there), changing files outside the run's
    own folders, and, when the puzzle allows no extra processes, starting any. A clear error
    beats a refusal from the kernel's layers behind it (ctypes gets past this hook; they hold)."""
    parent = os.getppid()
    writable = (*(os.path.realpath(w) + os.sep for w in workspaces), os.devnull)

    def inside(value: Any, prefixes: tuple[str, ...]) -> bool:
        path = os.path.realpath(os.fsdecode(value))
        return path == os.devnull or any(path.startswith(p) or path + os.sep == p for p in prefixes)

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            mode, flags = args[1] or "", args[2] or 0
            if (any(c in mode for c in "wax+") or flags & _WRITE_FLAGS) and not inside(
                args[0], writable
            ):
                raise PermissionError("the sandbox may only write inside its own scratch folder")
            if protected and inside(args[0], tuple(protected)):
                raise PermissionError("the sandbox may not read the puzzle's own files")
        elif event in _CHANGE_EVENTS:
            for value in args:
                if isinstance(value, (str, bytes, os.PathLike)) and not inside(value, writable):
                    raise PermissionError(
                        "the sandbox may only change files inside its own scratch folder"
                    )
        elif event in _SPAWN_EVENTS and processes == 0:
            raise PermissionError("this puzzle allows no extra processes")
        elif event in ("os.kill", "os.killpg") and (args[0] <= 0 or args[0] == parent):
            raise PermissionError("the sandbox may only signal its own processes")

    sys.addaudithook(hook)
