"""Windows limits for a spare worker: a job object capping its committed memory, the number of
processes it may start, and its CPU time, and killing everything in it when the run ends.

Used by `spare.SpareExecutor` on Windows only (the Unix equivalents are rlimits and seccomp
in `limits`). Must not import torch or pygame.
"""

from __future__ import annotations

import ctypes
import subprocess
from ctypes import wintypes

from game.runner.limits import SandboxLimits

_EXTENDED_LIMIT_INFORMATION = 9
_LIMIT_PROCESS_TIME = 0x00000002
_LIMIT_ACTIVE_PROCESS = 0x00000008
_LIMIT_PROCESS_MEMORY = 0x00000100
_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400
_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
_TORCH_COMMIT = 1024 * 1024 * 1024  # what a worker with torch loaded has committed already
_IMPORT_CPU_S = 10  # CPU the worker spent importing torch before the run, counted by Windows


class _IoCounters(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_ulonglong)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    ]


class _BasicLimits(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", wintypes.DWORD),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", wintypes.DWORD),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", wintypes.DWORD),
        ("SchedulingClass", wintypes.DWORD),
    ]


class _ExtendedLimits(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", _BasicLimits),
        ("IoInfo", _IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


def build_limits(limits: SandboxLimits) -> _ExtendedLimits:
    info = _ExtendedLimits()
    basic = info.BasicLimitInformation
    basic.LimitFlags = (
        _LIMIT_PROCESS_TIME
        | _LIMIT_ACTIVE_PROCESS
        | _LIMIT_PROCESS_MEMORY
        | _LIMIT_DIE_ON_UNHANDLED_EXCEPTION
        | _LIMIT_KILL_ON_JOB_CLOSE
    )
    basic.ActiveProcessLimit = 1 + limits.processes
    basic.PerProcessUserTimeLimit = (limits.cpu_s + _IMPORT_CPU_S) * 10_000_000  # 100 ns units
    info.ProcessMemoryLimit = limits.memory_bytes + _TORCH_COMMIT
    return info


class Job:
    def __init__(self, handle: int) -> None:
        self.handle = handle

    def terminate(self) -> None:
        ctypes.WinDLL("kernel32").TerminateJobObject(self.handle, 1)  # type: ignore[attr-defined]

    def close(self) -> None:
        if self.handle:
            ctypes.WinDLL("kernel32").CloseHandle(self.handle)  # type: ignore[attr-defined]
            self.handle = 0


def confine(proc: subprocess.Popen[bytes], limits: SandboxLimits) -> Job | None:
    """Put a just-spawned worker in a fresh job object; None if Windows refuses."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    handle = kernel32.CreateJobObjectW(None, None)
    if not handle:
        return None
    info = build_limits(limits)
    ok = kernel32.SetInformationJobObject(
        handle, _EXTENDED_LIMIT_INFORMATION, ctypes.byref(info), ctypes.sizeof(info)
    )
    ok = ok and kernel32.AssignProcessToJobObject(handle, wintypes.HANDLE(int(proc._handle)))  # type: ignore[attr-defined]
    if not ok:
        kernel32.CloseHandle(handle)
        return None
    return Job(handle)
