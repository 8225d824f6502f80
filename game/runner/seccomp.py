"""A seccomp filter that stops a sandbox process from creating processes (threads stay allowed).

Linux on x86-64 and arm64 only; elsewhere `forbid_new_processes` returns False and the other
limits carry on alone. This backs up the audit hook in `sandbox` for code that forks through
ctypes, and it works even when the game runs as root, where RLIMIT_NPROC does nothing.
Must not import torch or pygame.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_CLONE_THREAD = 0x00010000
_LD_ABS_W = 0x20
_JEQ = 0x15
_JGE = 0x35
_JSET = 0x45
_RET = 0x06

# arch id -> (clone, clone3, fork, vfork); arm64 has no fork/vfork syscalls.
_ARCHES = {
    "x86_64": (0xC000003E, 56, 435, 57, 58),
    "aarch64": (0xC00000B7, 220, 435, None, None),
}


def _program(arch: int, clone: int, clone3: int, forks: list[int]) -> list[tuple[int, int, int, int]]:
    deny = _RET_ERRNO | errno.EPERM
    prog: list[tuple[int, int, int, int]] = [
        (_LD_ABS_W, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 1, 0, arch),
        (_RET, 0, 0, _RET_ALLOW),  # another ABI: leave it to the other limits
        (_LD_ABS_W, 0, 0, 0),  # seccomp_data.nr
        (_JGE, 0, 1, 0x40000000),  # x32 syscalls
        (_RET, 0, 0, deny),
        # glibc falls back to clone() for threads when clone3 is missing
        (_JEQ, 0, 1, clone3),
        (_RET, 0, 0, _RET_ERRNO | errno.ENOSYS),
    ]
    for nr in forks:
        prog += [(_JEQ, 0, 1, nr), (_RET, 0, 0, deny)]
    prog += [
        (_JEQ, 1, 0, clone),
        (_RET, 0, 0, _RET_ALLOW),
        (_LD_ABS_W, 0, 0, 16),  # low half of clone's flags (args[0])
        (_JSET, 0, 1, _CLONE_THREAD),
        (_RET, 0, 0, _RET_ALLOW),
        (_RET, 0, 0, deny),
    ]
    return prog


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _build() -> tuple[ctypes.Array[ctypes.c_char], int] | None:
    """The filter for this machine, built once at import (the zygote pays, not each run)."""
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES or sys.byteorder != "little":
        return None
    arch, clone, clone3, fork, vfork = _ARCHES[machine]
    prog = _program(arch, clone, clone3, [n for n in (fork, vfork) if n is not None])
    raw = b"".join(struct.pack("<HBBI", *ins) for ins in prog)
    return ctypes.create_string_buffer(raw, len(raw)), len(prog)


_FILTER = _build()


def forbid_new_processes() -> bool:
    """Install the filter on this process (irreversible). True when it is in place."""
    if _FILTER is None:
        return False
    buf, count = _FILTER
    fprog = _Fprog(count, ctypes.cast(buf, ctypes.c_void_p))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
    except (OSError, AttributeError):
        return False
