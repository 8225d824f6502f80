"""Cheap forks from a big zygote (Linux): back its preloaded heap with transparent huge pages.

A zygote that has imported torch holds about 220 MB of private anonymous memory. Every fork
copies one page-table entry per 4 KiB page of it (about 56,000), and every exit tears them down
again; measured on a 2-core machine, one fork plus exit of such a process costs about 22 ms, and
a run pays for two (run parent and init). Collapsed into 2 MiB pages, the same memory needs one
entry per 2 MiB, and the fork plus exit costs about 5 ms. A child that writes to a shared huge
page splits it and copies only the 4 KiB it touched, so runs do not copy more memory than
before. Needs `MADV_COLLAPSE` (Linux 6.1); where the kernel refuses, nothing changes.

Must not import torch or pygame.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator

from game.runner import syscalls

_MADV_HUGEPAGE = 14
_MADV_COLLAPSE = 25
_HUGE = 1 << 21


def _private_heap(maps: str) -> Iterator[tuple[int, int]]:
    """The 2 MiB-aligned spans of the writable private anonymous mappings in a maps file."""
    for line in maps.splitlines():
        fields = line.split()
        if len(fields) < 5:
            continue
        name = fields[5] if len(fields) > 5 else ""
        if name not in ("", "[heap]") or not fields[1].startswith("rw") or fields[1][3] != "p":
            continue
        low, high = (int(x, 16) for x in fields[0].split("-"))
        start, end = (low + _HUGE - 1) & ~(_HUGE - 1), high & ~(_HUGE - 1)
        if end > start:
            yield start, end - start


def collapse_heap() -> int:
    """Ask the kernel to back the process's private heap with huge pages now; returns how many
    bytes it collapsed (0 where it cannot)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        with open("/proc/self/maps", encoding="ascii") as f:
            spans = list(_private_heap(f.read()))
    except OSError:
        return 0
    madvise = syscalls.libc().madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    done = 0
    for start, size in spans:
        # HUGEPAGE too, so the kernel keeps these spans huge when they grow or are touched
        madvise(start, size, _MADV_HUGEPAGE)
        if madvise(start, size, _MADV_COLLAPSE) == 0:
            done += size
    return done
