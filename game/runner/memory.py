"""Resident memory of a sandbox process, polled by the trusted side on every platform:
/proc on Linux, libproc on macOS, psapi on Windows (psutil, when installed, as a last resort).

Must not import torch or pygame.
"""

from __future__ import annotations

import ctypes
import os
import sys

_PROC_PIDTASKINFO = 4


class _TaskInfo(ctypes.Structure):  # the head of macOS's struct proc_taskinfo
    _fields_ = [
        ("virtual_size", ctypes.c_uint64),
        ("resident_size", ctypes.c_uint64),
        ("rest", ctypes.c_uint8 * 80),
    ]


class _MemoryCounters(ctypes.Structure):  # Windows PROCESS_MEMORY_COUNTERS
    _fields_ = [
        ("cb", ctypes.c_uint32),
        ("PageFaultCount", ctypes.c_uint32),
        ("PeakWorkingSetSize", ctypes.c_size_t),
        ("WorkingSetSize", ctypes.c_size_t),
        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
        ("QuotaPagedPoolUsage", ctypes.c_size_t),
        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
        ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
        ("PagefileUsage", ctypes.c_size_t),
        ("PeakPagefileUsage", ctypes.c_size_t),
    ]


def _linux(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _macos(pid: int) -> int | None:
    try:
        libproc = ctypes.CDLL("/usr/lib/libproc.dylib")
        info = _TaskInfo()
        size = libproc.proc_pidinfo(
            pid, _PROC_PIDTASKINFO, ctypes.c_uint64(0), ctypes.byref(info), ctypes.sizeof(info)
        )
        return int(info.resident_size) if size > 0 else None
    except (OSError, AttributeError):
        return None


def _windows(pid: int) -> int | None:
    try:
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000 | 0x0010, False, pid)  # QUERY_LIMITED | VM_READ
        if not handle:
            return None
        try:
            counters = _MemoryCounters()
            counters.cb = ctypes.sizeof(counters)
            ok = kernel32.K32GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb)
            return int(counters.WorkingSetSize) if ok else None
        finally:
            kernel32.CloseHandle(handle)
    except (OSError, AttributeError):
        return None


def rss_bytes(pid: int) -> int | None:
    """Resident bytes of `pid`, or None where this platform cannot tell."""
    if sys.platform.startswith("linux"):
        found = _linux(pid)
    elif sys.platform == "darwin":
        found = _macos(pid)
    elif sys.platform == "win32":
        found = _windows(pid)
    else:
        found = None
    if found is not None:
        return found
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:
        return None
