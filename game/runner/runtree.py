"""The trusted side's view of a run's processes, from the kernel alone: the process tree under a
process the trusted side started itself (the zygote or a spare worker), read from
/proc/PID/task/TID/children, never from anything a sandboxed process said.

Gives the memory of the whole run (every process's anonymous and shared-memory pages, plus its
scratch tmpfs where /proc lets us see it) and kills it. Linux only; elsewhere the callers fall
back to `memory.rss_bytes` of the one process they know. Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from pathlib import Path

_PR_SET_CHILD_SUBREAPER = 36

_MAX_PROCESSES = 512  # a tree wider than any allowed run is cut here (the run dies anyway)


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                found += [int(p) for p in f.read().split()]
    except (OSError, ValueError):
        pass
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, parents before their children."""
    found: list[int] = []
    queue = children(pid)
    while queue and len(found) < _MAX_PROCESSES:
        current = queue.pop(0)
        found.append(current)
        queue += children(current)
    return found


def _status_bytes(pid: int) -> int:
    """Anonymous plus shared-memory resident pages of one process (0 once it is gone)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(("RssAnon:", "RssShmem:")):
                    total += int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return 0
    return total


def scratch_bytes(init: int) -> int:
    """Bytes used in the run's scratch tmpfs, seen through its init's root (0 if hidden, or
    while the init has not yet moved into its own root)."""
    from game.runner.newroot import SCRATCH, SCRATCH_BYTES

    try:
        found = os.statvfs(f"/proc/{init}/root{SCRATCH}")
    except OSError:
        return 0
    if found.f_blocks * found.f_frsize != SCRATCH_BYTES:
        return 0
    return (found.f_blocks - found.f_bfree) * found.f_frsize


def zygote_run(zygote: int) -> tuple[list[int], list[int]]:
    """(the zygote's children: run parents, or an init orphaned by its parent; each parent's
    init followed by every process below it)."""
    parents = children(zygote)
    run: list[int] = []
    for parent in parents:
        for init in children(parent):
            run += [init, *descendants(init)]
    return parents, run


def memory(pids: list[int], init: int | None, shared: int = 0) -> int:
    """The run's memory: its first process's anonymous and shared-memory pages, plus for every
    process forked inside the run what it holds beyond `shared` (the warm interpreter's pages
    it was forked with, still shared copy-on-write: reading PSS instead costs milliseconds
    per process), plus the scratch tmpfs."""
    if not pids:
        return 0
    first, *rest = pids
    total = _status_bytes(first) + sum(max(0, _status_bytes(p) - shared) for p in rest)
    return total + (scratch_bytes(init) if init else 0)


# More files than any honest run writes (a case is two): past this, listing them each poll
# would cost the runner more than the run is worth, so the run counts as over its memory.
MAX_DEPTH = 32  # folders in a run's results: the harness makes none, tempfile one or two
MAX_FILES = 4096


def folder_bytes(path: Path) -> int:
    """The bytes in the files under `path` (a run's results folder on the host), or a huge
    number when it holds more than MAX_FILES entries or folders deeper than MAX_DEPTH (a file
    at the bottom of a deep tree must not escape the count, nor the walk cost without end)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    total, seen = 0, 0
    try:
        stack = [(os.open(path, flags), 0)]
    except OSError:
        return 0
    try:
        while stack:
            fd, depth = stack.pop()
            try:
                with os.scandir(fd) as entries:
                    for entry in entries:
                        seen += 1
                        if seen > MAX_FILES or depth >= MAX_DEPTH:
                            return 1 << 62
                        try:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                            if entry.is_dir(follow_symlinks=False):
                                stack.append((os.open(entry.name, flags, dir_fd=fd), depth + 1))
                        except FileNotFoundError:
                            continue  # removed meanwhile (tempfile's own cleanup)
                        except OSError:
                            return 1 << 62  # a folder it would not let the count into
            except OSError:
                pass
            finally:
                os.close(fd)
    finally:
        for fd, _ in stack:
            os.close(fd)
    return total


def own_bytes(pid: int) -> int:
    """What `memory` counts for one process (the zygote's, as the `shared` baseline)."""
    return _status_bytes(pid)


def become_subreaper() -> None:
    """Inherit what this process's descendants orphan (a setsid() child whose parent exited),
    instead of the host's init, so that `sweep` finds it. Not passed on to forked children."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def sweep() -> None:
    """Kill whatever child this process has left and reap it, until none is left. The wait
    blocks: a killed PID namespace init returns only once every process of its namespace is
    gone."""
    while True:
        for pid in children(os.getpid()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
