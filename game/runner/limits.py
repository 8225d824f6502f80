"""Hard limits a sandbox process puts on itself before the player's code runs.

Unix: rlimits on CPU time, address space, file size, open files, core dumps and (Linux, not
root) the process count, then `seccomp` where available; Windows: the trusted side puts the
worker in a job object (see `winjob`). Wall-clock timeouts and memory polling are done by the
trusted side for every platform. Must not import torch or pygame (the zygote calls it in the
forked child before anything else).
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class SandboxLimits:
    wall_s: float
    cpu_s: int
    memory_bytes: int  # resident memory, polled by the trusted side; also the address-space room
    file_bytes: int
    processes: int
    address_space: bool = True  # off for CUDA, which maps huge virtual ranges
    protect_pids: tuple[int, ...] = ()  # runner processes the sandbox may never signal

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> SandboxLimits:
        return cls(**{**doc, "protect_pids": tuple(doc.get("protect_pids", ()))})


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


def apply(limits: SandboxLimits) -> list[str]:
    """Lock this process down; returns the protections applied (for the report/tests)."""
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
    setlim(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + limits.cpu_s, "cpu")
    setlim(resource.RLIMIT_FSIZE, limits.file_bytes, "fsize")
    setlim(resource.RLIMIT_NOFILE, 256, "nofile")
    if limits.address_space and sys.platform.startswith("linux"):
        base = _vm_size()
        if base is not None:
            setlim(resource.RLIMIT_AS, base + limits.memory_bytes, "as")
    if sys.platform.startswith("linux") and os.geteuid() != 0:
        # Root ignores RLIMIT_NPROC; seccomp below still stops forks when none are allowed.
        allowance = 4 + 8 * limits.processes
        setlim(resource.RLIMIT_NPROC, _user_tasks(os.getuid()) + allowance, "nproc")
    from game.runner.seccomp import install

    if install(forbid_forks=limits.processes == 0, protected=[os.getppid(), *limits.protect_pids]):
        applied.append("seccomp")
    return applied
