"""Hard limits a sandbox process puts on itself before the player's code runs.

Unix: rlimits on CPU time, address space (per process), file size, open files, core dumps and
the process count. Inside the run's own user namespace RLIMIT_NPROC counts only the run's
tasks and holds for root too (the run is not root outside); without one it counts all the
user's tasks and does nothing for root (seccomp then still stops forks when none are allowed).
Windows: the trusted side puts the worker in a job object (see `winjob`). Wall-clock timeouts
and memory over all the run's processes are watched by the trusted side (`runtree`).
Must not import torch or pygame (the zygote calls it in the forked child before anything else).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import asdict, dataclass
from typing import Any

MB = 1024 * 1024
_TASKS_BASE = 16  # tasks (threads too) a run may hold, and as many more per allowed process


def cpu_backstop_s(time_s: float) -> int:
    """The RLIMIT_CPU of a run allowed `time_s` seconds: the wall clock is its limit, and this
    only the kernel's backstop behind it, so it must not fire first even when the run keeps
    every core busy (threads, or a worker process: each has a limit of its own, and a worker
    the kernel kills is an error, not a timeout)."""
    return (math.ceil(time_s) + 2) * max(1, os.cpu_count() or 1)


def omp_thread_limit() -> int:
    """OpenMP's cap on a run's threads (`OMP_THREAD_LIMIT`, read when torch loads): the
    machine's cores, and never more than half the task allowance of a run with no processes,
    so `torch.set_num_threads(32)` gets at most this many threads and the run goes on, in every
    sandbox. Without the cap OpenMP exited when the task limit refused a thread, and as root
    without namespaces (no task limit) the address-space limit decided: a verdict that flipped."""
    return max(1, min(os.cpu_count() or 1, _TASKS_BASE // 2))


@dataclass(frozen=True)
class SandboxLimits:
    wall_s: float
    cpu_s: int
    memory_bytes: int  # resident memory, polled by the trusted side; also the address-space room
    file_bytes: int
    processes: int
    address_space: bool = True  # off for CUDA, which maps huge virtual ranges
    protect_pids: tuple[int, ...] = ()  # runner processes the sandbox may never signal
    hide: tuple[str, ...] = ()  # content roots to cover should they sit inside a bound folder

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> SandboxLimits:
        return cls(
            **{
                **doc,
                "protect_pids": tuple(doc.get("protect_pids", ())),
                "hide": tuple(doc.get("hide", ())),
            }
        )


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _vm_size() -> int | None:
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)
        try:
            return int(os.read(fd, 256).split()[0]) * _PAGE
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return None


def _user_tasks(uid: int) -> int:
    """Threads and processes the user already runs: RLIMIT_NPROC counts them all on Linux."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid != uid:
                continue
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                total += int(f.read().rsplit(")", 1)[1].split()[17])
        except (OSError, ValueError, IndexError):
            continue
    return total


def apply(limits: SandboxLimits, own_user_ns: bool) -> list[str]:
    """Set the rlimits on this process; returns the ones applied (for the report/tests).
    `own_user_ns`: the run has a user namespace to itself, so RLIMIT_NPROC counts only it."""
    if sys.platform == "win32":
        return []
    import resource

    applied: list[str] = []

    def setlim(which: int, value: int, name: str) -> None:
        try:
            _soft, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value if hard == resource.RLIM_INFINITY else hard))
            applied.append(name)
        except (ValueError, OSError):
            pass  # a platform that refuses one limit still gets the others

    setlim(resource.RLIMIT_CORE, 0, "core")
    used = resource.getrusage(resource.RUSAGE_SELF)
    setlim(resource.RLIMIT_CPU, math.ceil(used.ru_utime + used.ru_stime) + limits.cpu_s, "cpu")
    setlim(resource.RLIMIT_FSIZE, limits.file_bytes, "fsize")
    setlim(resource.RLIMIT_NOFILE, 256, "nofile")
    if limits.address_space and sys.platform.startswith("linux"):
        base = _vm_size()
        if base is not None:
            setlim(resource.RLIMIT_AS, base + limits.memory_bytes, "as")
    if sys.platform.startswith("linux"):
        allowance = _TASKS_BASE + _TASKS_BASE * limits.processes  # threads count too
        if own_user_ns:
            setlim(resource.RLIMIT_NPROC, allowance, "nproc")
        elif os.geteuid() != 0:
            setlim(resource.RLIMIT_NPROC, _user_tasks(os.getuid()) + allowance, "nproc")
    return applied
