"""Landlock, the kernel's second wall around a run (Linux 5.13+): the files it may read or
write, no TCP at all (ABI 4+), and no signals or abstract UNIX sockets reaching outside the
run (ABI 6+).

`restrict(read, write)` adds the rules for whatever ABI this kernel has and enforces them on
the calling thread and its future children; it needs no_new_privs set first. Must not import
torch or pygame.
"""

from __future__ import annotations

import ctypes
import os

from game.runner import syscalls

_EXECUTE = 1 << 0
_WRITE_FILE = 1 << 1
_READ_FILE = 1 << 2
_READ_DIR = 1 << 3
_REMOVE_DIR = 1 << 4
_REMOVE_FILE = 1 << 5
_MAKE_CHAR = 1 << 6
_MAKE_DIR = 1 << 7
_MAKE_REG = 1 << 8
_MAKE_SOCK = 1 << 9
_MAKE_FIFO = 1 << 10
_MAKE_BLOCK = 1 << 11
_MAKE_SYM = 1 << 12
_REFER = 1 << 13  # ABI 2
_TRUNCATE = 1 << 14  # ABI 3
_IOCTL_DEV = 1 << 15  # ABI 5
_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1

READ = _EXECUTE | _READ_FILE | _READ_DIR
_CREATE_VERSION = 1
_RULE_PATH_BENEATH = 1


class _RulesetAttr(ctypes.Structure):
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi() -> int:
    """The Landlock ABI version of this kernel, 0 when it has none (or it is disabled)."""
    try:
        return syscalls.landlock_call(0, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_VERSION))
    except OSError:
        return 0


def _fs_rights(version: int) -> int:
    rights = (1 << 13) - 1
    if version >= 2:
        rights |= _REFER
    if version >= 3:
        rights |= _TRUNCATE
    if version >= 5:
        rights |= _IOCTL_DEV
    return rights


def restrict(read: list[str], write: list[str], devices: list[str]) -> list[str]:
    """Allow reading (and executing) under `read`, everything but device nodes under `write`,
    reading and writing the device files `devices`; nothing else. Returns the layers it put
    in place (e.g. ["landlock-fs", "landlock-net", "landlock-scope"]); [] where the kernel has
    no Landlock. Raises OSError when Landlock exists but refused the rules."""
    version = abi()
    if version < 1:
        return []
    everything = _fs_rights(version)
    write_rights = everything & ~(_MAKE_CHAR | _MAKE_BLOCK | _IOCTL_DEV)
    attr = _RulesetAttr(everything, 0, 0)
    layers = ["landlock-fs"]
    size = 8
    if version >= 4:
        attr.handled_access_net = _NET_BIND_TCP | _NET_CONNECT_TCP  # no rule: no TCP at all
        layers.append("landlock-net")
        size = 16
    if version >= 6:
        attr.scoped = _SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL
        layers.append("landlock-scope")
        size = 24
    ruleset = syscalls.landlock_call(0, ctypes.byref(attr), ctypes.c_size_t(size), 0)
    try:
        for paths, rights in (
            (read, READ),
            (write, write_rights),
            (devices, _READ_FILE | _WRITE_FILE | (_IOCTL_DEV if version >= 5 else 0)),
        ):
            for path in paths:
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue  # a path this machine lacks needs no rule
                try:
                    allowed = rights if os.path.isdir(path) else rights & _file_rights(version)
                    rule = _PathBeneath(allowed, fd)
                    syscalls.landlock_call(1, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
                finally:
                    os.close(fd)
        syscalls.landlock_call(2, ruleset, 0)
    finally:
        os.close(ruleset)
    return layers


def _file_rights(version: int) -> int:
    """The rights that mean something on a file (the kernel refuses directory rights there)."""
    rights = _EXECUTE | _WRITE_FILE | _READ_FILE
    if version >= 3:
        rights |= _TRUNCATE
    if version >= 5:
        rights |= _IOCTL_DEV
    return rights
