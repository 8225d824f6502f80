"""Thin ctypes wrappers over the Linux system calls the sandbox needs and Python 3.11 lacks
(unshare, mount, umount2, pivot_root, mount_setattr, prctl, capset, landlock_*).

Each wrapper raises `OSError` with the errno on failure, so callers decide what a refusal
means. Imported on every platform (the names exist everywhere), but only called on Linux.
Must not import torch or pygame.
"""

from __future__ import annotations

import ctypes
import os
import platform
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39

_MOUNT_ATTR_RDONLY = 0x1
_MOUNT_ATTR_NOSUID = 0x2
_MOUNT_ATTR_NODEV = 0x4
_AT_FDCWD = -100
_AT_RECURSIVE = 0x8000

# Numbers of the calls that glibc may not wrap; generic (asm-generic) numbers on arm64.
_NR = {
    "x86_64": {"pivot_root": 155, "mount_setattr": 442, "capset": 126, "landlock": 444},
    "aarch64": {"pivot_root": 41, "mount_setattr": 442, "capset": 91, "landlock": 444},
}.get(platform.machine().lower(), {})

_libc: Any = None


def libc() -> Any:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")
    return result


def _syscall(name: str, *args: Any) -> int:
    if name not in _NR:
        raise OSError(38, f"{name}: not available on this machine")
    return _check(libc().syscall(ctypes.c_long(_NR[name]), *args), name)


def _b(text: str | None) -> bytes | None:
    return None if text is None else os.fsencode(text)


def unshare(flags: int) -> None:
    _check(libc().unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        libc().mount(_b(source), _b(target), _b(fstype), ctypes.c_ulong(flags), _b(data or None)),
        f"mount {target}",
    )


def umount_detach(target: str) -> None:
    _check(libc().umount2(_b(target), ctypes.c_int(MNT_DETACH)), f"umount {target}")


def pivot_root(new_root: str, put_old: str) -> None:
    _syscall("pivot_root", _b(new_root), _b(put_old))


class _MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


def make_readonly(target: str) -> None:
    """Read-only, nosuid, nodev for `target` and every mount below it (one call, unlike
    MS_REMOUNT, which changes only the top mount of a recursive bind)."""
    attr = _MountAttr(_MOUNT_ATTR_RDONLY | _MOUNT_ATTR_NOSUID | _MOUNT_ATTR_NODEV, 0, 0, 0)
    _syscall(
        "mount_setattr",
        ctypes.c_int(_AT_FDCWD),
        _b(target),
        ctypes.c_uint(_AT_RECURSIVE),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
    )


def prctl(option: int, arg: int = 0) -> int:
    return _check(
        libc().prctl(ctypes.c_int(option), ctypes.c_ulong(arg), 0, 0, 0), f"prctl {option}"
    )


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_capabilities() -> None:
    """Empty the bounding set, then every capability set of this thread (irreversible)."""
    for cap in range(64):
        try:
            prctl(PR_CAPBSET_DROP, cap)
        except OSError:
            break  # past the last capability this kernel knows
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    _syscall("capset", ctypes.byref(header), ctypes.byref(data))


def landlock_call(offset: int, *args: Any) -> int:
    """landlock_create_ruleset (0), landlock_add_rule (1), landlock_restrict_self (2)."""
    if "landlock" not in _NR:
        raise OSError(38, "landlock: not available on this machine")
    return _check(libc().syscall(ctypes.c_long(_NR["landlock"] + offset), *args), "landlock")


def close_fds_except(keep: set[int]) -> None:
    """Close every descriptor but `keep` (inherited pipes to trusted processes included)."""
    ordered = sorted(keep)
    for low, high in zip(ordered, [*ordered[1:], 1 << 16], strict=True):
        os.closerange(low + 1, high)
