"""How a sandbox's outer process ends: it waits for the process it guards (a jail's init, a spare
worker), learns why that one died, and exits the same way, so that the trusted side reads the
run's own ending from the one process it started.

The kernel ends a run that reached its CPU time limit with SIGXCPU, or, once the run ignored
that, with SIGKILL at the hard limit. A SIGKILL nobody on the trusted side sent is otherwise
unexplained (the verdict would guess "memory"), so `wait_for` reads the CPU time and the hard
limit of the dead process before reaping it and reports such a death as SIGXCPU: a timeout.
Linux only. Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
from typing import NoReturn

from game.runner import syscalls

# /proc shows CPU time in clock ticks, rounded down: a run the limit killed may read a little
# under it, never this far
_CPU_SLACK_S = 0.25


def open_proc() -> int | None:
    """This process's /proc, held before it forks the process it will guard: that one may
    pivot into a private root, which moves the root of every process of its mount namespace,
    this one's included. The child must close it."""
    try:
        return os.open("/proc", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None


def wait_for(pid: int, proc: int | None) -> int:
    """The wait status of the child `pid` once it has ended (reaped; `proc` from `open_proc`,
    closed here); a SIGKILL for reaching its CPU time limit reads as SIGXCPU."""
    with contextlib.suppress(OSError):  # a zombie until reaped: its /proc files still answer
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    spent = proc is not None and _ran_out_of_cpu(proc, pid)
    if proc is not None:
        os.close(proc)
    _, status = os.waitpid(pid, 0)
    if spent and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return int(signal.SIGXCPU)  # the wait status of a death by that signal, no core
    return status


def _read(proc: int, path: str) -> str:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=proc)
    with open(fd, encoding="ascii", errors="replace") as f:
        return f.read(8192)


def _ran_out_of_cpu(proc: int, pid: int) -> bool:
    """Whether the (dead, unreaped) process used all the CPU time its hard limit allows."""
    hard = _cpu_hard_limit(proc, pid)
    if hard is None:
        return False
    try:
        fields = _read(proc, f"{pid}/stat").rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime of the whole process
    except (OSError, ValueError, IndexError):
        return False
    return ticks / os.sysconf("SC_CLK_TCK") >= hard - _CPU_SLACK_S


def _cpu_hard_limit(proc: int, pid: int) -> float | None:
    """Seconds, from /proc/PID/limits (the soft limit moves each time SIGXCPU is sent)."""
    try:
        for line in _read(proc, f"{pid}/limits").splitlines():
            if line.startswith("Max cpu time"):
                hard = line.split()[4]
                return None if hard == "unlimited" else float(hard)
    except (OSError, ValueError, IndexError):
        pass
    return None


def mirror(status: int) -> NoReturn:
    """Exit as the guarded process did: the same code, or death by the same signal (this
    process writes no core file for it: the run's crash is not the outer process's)."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):  # their action cannot be changed
            signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)  # a signal whose default is to be ignored
    os._exit(os.waitstatus_to_exitcode(status))
