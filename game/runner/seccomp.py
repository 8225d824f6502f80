"""A seccomp filter for a sandbox process: no new processes when the puzzle allows none
(threads stay allowed), and no signals to process groups, to everyone, or to the runner's own
processes.

Linux on x86-64 and arm64 only; elsewhere `install` returns False and the other limits carry
on alone. This backs up the audit hook in `sandbox` for code that goes through ctypes, and it
works even when the game runs as root, where RLIMIT_NPROC does nothing.
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

# arch -> (audit arch id, clone, clone3, fork, vfork, kill); arm64 has no fork/vfork syscalls.
_ARCHES = {
    "x86_64": (0xC000003E, 56, 435, 57, 58, 62),
    "aarch64": (0xC00000B7, 220, 435, None, None, 129),
}
Instruction = tuple[int, int, int, int]


def _program(machine: str, forbid_forks: bool, protected: list[int]) -> list[Instruction]:
    arch, clone, clone3, fork, vfork, kill = _ARCHES[machine]
    deny = _RET_ERRNO | errno.EPERM
    prog: list[Instruction] = [
        (_LD_ABS_W, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 1, 0, arch),
        (_RET, 0, 0, _RET_ALLOW),  # another ABI: leave it to the other limits
        (_LD_ABS_W, 0, 0, 0),  # seccomp_data.nr
        (_JGE, 0, 1, 0x40000000),  # x32 syscalls
        (_RET, 0, 0, deny),
    ]
    if forbid_forks:
        # glibc falls back to clone() for threads when clone3 is missing
        prog += [(_JEQ, 0, 1, clone3), (_RET, 0, 0, _RET_ERRNO | errno.ENOSYS)]
        for nr in (fork, vfork):
            if nr is not None:
                prog += [(_JEQ, 0, 1, nr), (_RET, 0, 0, deny)]
        prog += [
            (_JEQ, 0, 4, clone),
            (_LD_ABS_W, 0, 0, 16),  # low half of clone's flags (args[0])
            (_JSET, 0, 1, _CLONE_THREAD),
            (_RET, 0, 0, _RET_ALLOW),
            (_RET, 0, 0, deny),
        ]
    # kill(): never a process group or "everyone" (pid < 0), never the runner's own processes
    prog += [
        (_JEQ, 1, 0, kill),
        (_RET, 0, 0, _RET_ALLOW),
        (_LD_ABS_W, 0, 0, 16),  # the target pid (args[0], an int)
        (_JSET, 0, 1, 0x80000000),
        (_RET, 0, 0, deny),
    ]
    for pid in protected:
        prog += [(_JEQ, 0, 1, pid), (_RET, 0, 0, deny)]
    prog.append((_RET, 0, 0, _RET_ALLOW))
    return prog


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _machine() -> str | None:
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES or sys.byteorder != "little":
        return None
    return machine


_MACHINE = _machine()


def install(forbid_forks: bool, protected: list[int]) -> bool:
    """Install the filter on this process (irreversible). True when it is in place."""
    if _MACHINE is None:
        return False
    prog = _program(_MACHINE, forbid_forks, protected)
    raw = b"".join(struct.pack("<HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw, len(raw))
    fprog = _Fprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
    except (OSError, AttributeError):
        return False
