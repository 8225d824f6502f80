"""The trusted side's view of a run's processes, from the kernel alone: the process tree under a
process the trusted side started itself (the zygote or a spare worker), read from
/proc/PID/task/TID/children, never from anything a sandboxed process said.

Gives the memory of the whole run (every process's anonymous and shared-memory pages, plus its
scratch tmpfs where /proc lets us see it) and kills it. Linux only; elsewhere the callers fall
back to `memory.rss_bytes` of the one process they know. Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import os
import signal

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


def starts_namespace(pid: int) -> bool:
    """Whether `pid` is the first process of a PID namespace below ours (its NSpid ends in 1)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("NSpid:"):
                    ids = line.split()[1:]
                    return len(ids) > 1 and ids[-1] == "1"
    except OSError:
        pass
    return False


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


def own_bytes(pid: int) -> int:
    """What `memory` counts for one process (the zygote's, as the `shared` baseline)."""
    return _status_bytes(pid)


def kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
