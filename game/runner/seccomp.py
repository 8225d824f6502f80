"""The seccomp filter of a run (Linux, x86-64 and arm64): the system calls a puzzle solution
never needs, refused by the kernel whatever route the code takes (ctypes, inline machine code).

- Any other ABI (i386 `int 0x80` on x86-64, x32) kills the whole process: the filter only
  knows the native numbers, so a foreign one must never be judged by them.
- Refused with EPERM: ptrace and process_vm_*, pidfd_* (signals and file descriptors of other
  processes), every mount/namespace call, bpf, io_uring, keyrings, perf, userfaultfd, module and
  kexec loading, file handles; `clone` with any namespace flag; `kill(pid <= 0)` (a process
  group or everyone); signals to the runner's own processes (`protected`, for runs without a
  PID namespace); sockets of any family but AF_UNIX; clearing the parent-death signal.
- Answered ENOSYS ("not implemented"): memfds and SysV shared memory, which no memory count
  sees.
- When the puzzle allows no extra processes, fork/vfork and `clone` without CLONE_THREAD.

Elsewhere `install` returns False and the other layers carry on. Must not import torch or pygame.
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
_RET_KILL_PROCESS = 0x80000000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_CLONE_THREAD = 0x00010000
_CLONE_NAMESPACES = 0x7E020000  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
_AF_UNIX = 1
_LD_ABS_W = 0x20
_JEQ = 0x15
_JGE = 0x35
_JSET = 0x45
_RET = 0x06
_ARG0 = 16  # offsetof(struct seccomp_data, args[0]), its low 32 bits on little-endian
_ARG1 = 24
_PR_SET_PDEATHSIG = 1

Instruction = tuple[int, int, int, int]

_REFUSED = [
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "process_madvise",
    "move_pages",
    "migrate_pages",
    "kcmp",
    "pidfd_open",
    "pidfd_send_signal",
    "pidfd_getfd",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "open_tree",
    "move_mount",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "bpf",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "keyctl",
    "add_key",
    "request_key",
    "perf_event_open",
    "userfaultfd",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "quotactl",
    "name_to_handle_at",
    "open_by_handle_at",
    "sethostname",
    "setdomainname",
]
# Memory no process maps (memfds written but not mapped, detached SysV segments) escapes the
# run's memory count; "not implemented" so that libraries fall back (asmjit, torch's JIT helper,
# then uses shared memory files, which the scratch counts). SysV message queues and semaphores
# and POSIX message queues outlive the run where it has no IPC namespace of its own.
_ABSENT = ["memfd_create", "memfd_secret", "shmget", "msgget", "semget", "mq_open"]

_X86_64 = {
    "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "process_madvise": 440,
    "move_pages": 279, "migrate_pages": 256, "kcmp": 312, "pidfd_open": 434,
    "pidfd_send_signal": 424, "pidfd_getfd": 438, "mount": 165, "umount2": 166,
    "pivot_root": 155, "chroot": 161, "unshare": 272, "setns": 308, "open_tree": 428,
    "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "bpf": 321, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "keyctl": 250, "add_key": 248, "request_key": 249,
    "perf_event_open": 298, "userfaultfd": 323, "kexec_load": 246, "kexec_file_load": 320,
    "init_module": 175, "finit_module": 313, "delete_module": 176, "reboot": 169,
    "swapon": 167, "swapoff": 168, "acct": 163, "quotactl": 179, "name_to_handle_at": 303,
    "open_by_handle_at": 304, "sethostname": 170, "setdomainname": 171,
    "kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297,
    "socket": 41, "clone": 56, "clone3": 435, "fork": 57, "vfork": 58, "prctl": 157,
    "memfd_create": 319, "memfd_secret": 447, "shmget": 29, "msgget": 68, "semget": 64,
    "mq_open": 240,
}  # fmt: skip
_AARCH64 = {
    "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "process_madvise": 440,
    "move_pages": 239, "migrate_pages": 238, "kcmp": 272, "pidfd_open": 434,
    "pidfd_send_signal": 424, "pidfd_getfd": 438, "mount": 40, "umount2": 39,
    "pivot_root": 41, "chroot": 51, "unshare": 97, "setns": 268, "open_tree": 428,
    "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "bpf": 280, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "keyctl": 219, "add_key": 217, "request_key": 218,
    "perf_event_open": 241, "userfaultfd": 282, "kexec_load": 104, "kexec_file_load": 294,
    "init_module": 105, "finit_module": 273, "delete_module": 106, "reboot": 142,
    "swapon": 224, "swapoff": 225, "acct": 89, "quotactl": 60, "name_to_handle_at": 264,
    "open_by_handle_at": 265, "sethostname": 161, "setdomainname": 162,
    "kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240,
    "socket": 198, "clone": 220, "clone3": 435, "prctl": 167,
    "memfd_create": 279, "memfd_secret": 447, "shmget": 194, "msgget": 186, "semget": 190,
    "mq_open": 180,
}  # fmt: skip
# machine -> (AUDIT_ARCH of the native ABI, syscall numbers); arm64 has no fork/vfork calls.
_ARCHES = {"x86_64": (0xC000003E, _X86_64), "aarch64": (0xC00000B7, _AARCH64)}


def _ret(value: int) -> Instruction:
    return (_RET, 0, 0, value)


def _when(nr: int | None, body: list[Instruction]) -> list[Instruction]:
    """`body` (which always returns) runs when the syscall number is `nr`."""
    if nr is None:
        return []
    return [(_JEQ, 0, len(body), nr), *body]


def _refuse_pids(pids: list[int], deny: int) -> list[Instruction]:
    out: list[Instruction] = []
    for pid in pids:
        out += [(_JEQ, 0, 1, pid), _ret(deny)]
    return out


def program(machine: str, forbid_forks: bool, protected: list[int]) -> list[Instruction]:
    arch, nrs = _ARCHES[machine]
    deny = _RET_ERRNO | errno.EPERM
    prog: list[Instruction] = [
        (_LD_ABS_W, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 1, 0, arch),
        _ret(_RET_KILL_PROCESS),  # a foreign ABI: its numbers mean other calls
        (_LD_ABS_W, 0, 0, 0),  # seccomp_data.nr
        (_JGE, 0, 1, 0x40000000),  # x32 numbers on x86-64
        _ret(_RET_KILL_PROCESS),
    ]
    for name in _REFUSED:
        prog += _when(nrs.get(name), [_ret(deny)])
    # glibc falls back to clone() when clone3 is missing, so its flags can be inspected
    prog += _when(nrs["clone3"], [_ret(_RET_ERRNO | errno.ENOSYS)])
    for name in _ABSENT:
        prog += _when(nrs.get(name), [_ret(_RET_ERRNO | errno.ENOSYS)])
    clone_body: list[Instruction] = [(_LD_ABS_W, 0, 0, _ARG0), (_JSET, 0, 1, _CLONE_NAMESPACES)]
    clone_body.append(_ret(deny))
    if forbid_forks:
        clone_body += [(_JSET, 0, 1, _CLONE_THREAD), _ret(_RET_ALLOW), _ret(deny)]
    else:
        clone_body.append(_ret(_RET_ALLOW))
    prog += _when(nrs["clone"], clone_body)
    if forbid_forks:
        for name in ("fork", "vfork"):
            prog += _when(nrs.get(name), [_ret(deny)])
    # Only worker processes need sockets (UNIX ones, to pass tensors); a run allowed none gets
    # no socket at all, so it cannot connect to a pathname socket on the host (a session bus,
    # a tmux server) where no mount namespace hides them. socketpair() stays.
    no_socket = _ret(_RET_ERRNO | errno.EAFNOSUPPORT)
    unix_only = [(_LD_ABS_W, 0, 0, _ARG0), (_JEQ, 0, 1, _AF_UNIX), _ret(_RET_ALLOW), no_socket]
    prog += _when(nrs["socket"], [no_socket] if forbid_forks else unix_only)
    # kill(): never a process group, "everyone" or pid 0 (its own group), never the runner
    prog += _when(
        nrs["kill"],
        [
            (_LD_ABS_W, 0, 0, _ARG0),
            (_JSET, 1, 0, 0x80000000),
            (_JEQ, 0, 1, 0),
            _ret(deny),
            *_refuse_pids(protected, deny),
            _ret(_RET_ALLOW),
        ],
    )
    # the run's init dies with its parent: clearing that signal would let it outlive a killed
    # runner (PR_SET_PDEATHSIG to 0); setting one stays allowed
    prctl_body: list[Instruction] = [
        (_LD_ABS_W, 0, 0, _ARG0),
        (_JEQ, 0, 3, _PR_SET_PDEATHSIG),
        (_LD_ABS_W, 0, 0, _ARG1),
        (_JEQ, 0, 1, 0),
        _ret(deny),
        _ret(_RET_ALLOW),
    ]
    prog += _when(nrs["prctl"], prctl_body)
    for name in ("tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"):
        prog += _when(
            nrs[name],
            [(_LD_ABS_W, 0, 0, _ARG0), *_refuse_pids(protected, deny), _ret(_RET_ALLOW)],
        )
    prog.append(_ret(_RET_ALLOW))
    return prog


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _machine() -> str | None:
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES or sys.byteorder != "little":
        return None
    return machine


MACHINE = _machine()


def install(forbid_forks: bool, protected: list[int]) -> bool:
    """Set no_new_privs and install the filter on this process (irreversible). True when it
    is in place."""
    if MACHINE is None:
        return False
    prog = program(MACHINE, forbid_forks, protected)
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
