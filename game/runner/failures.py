"""A run that went wrong as a whole, in plain words: out of time, memory or output, a crash by
signal, a lost sandbox, or no result at all. The verdict comes from what the trusted side saw
(the exit, its own kill reason) and from what is missing; what the run wrote can only count
against it. Must not import torch or pygame.
"""

from __future__ import annotations

import signal
from typing import Any

from game.runner.guards import EXIT_OUTPUT_LIMIT
from game.runner.workerio import Exit

_MEMORY_WORDS = (
    "out of memory",
    "can't allocate memory",
    "cannot allocate memory",
    "defaultcpuallocator",
)
_SIGNALS = {
    int(signal.SIGSEGV): "a segmentation fault",
    int(signal.SIGABRT): "an abort",
    int(signal.SIGBUS): "a bus error",
    int(signal.SIGFPE): "a floating-point trap",
    int(signal.SIGILL): "an illegal instruction",
    int(signal.SIGSYS): "a forbidden system call (the sandbox's seccomp filter stopped it)",
}


# What OpenMP and glibc print before the process ends when the run's task limit (or, with no
# task limit, its address space) refuses a thread
_THREADS_REFUSED = ("Thread creation failed", "cannot allocate memory for thread-local data")


def run_failure(
    ended: Exit,
    done: Any,
    stdout_bytes: int,
    stdout_max: int,
    launch_error: str | None,
    output: str = "",
) -> tuple[str, str] | None:
    """(verdict, sentence) when the sandbox as a whole went wrong, else None. `output`: what
    the run printed, as read (it can only explain a failure, never excuse one)."""
    sig = ended.signal
    if launch_error:
        return "error", f"The runner could not start a sandbox: {launch_error}"
    if ended.reason == "cancelled":
        return "error", "The run was cancelled."
    if ended.reason == "timeout" or sig == int(signal.SIGXCPU):
        return "timeout", "Your code ran out of time (an endless loop, or waiting on something?)."
    if ended.reason == "memory":
        return "memory", "Your code used more memory than this puzzle allows."
    if ended.code == EXIT_OUTPUT_LIMIT or sig == int(signal.SIGXFSZ) or stdout_bytes > stdout_max:
        return "output_limit", "Your code printed (or wrote) far too much; the run was stopped."
    if ended.reason == "lost":
        return "error", "The runner lost its sandbox process; please run again."
    if sig == int(signal.SIGKILL):
        return "memory", "The sandbox was killed, most likely for using too much memory."
    if sig is not None:
        what = _SIGNALS.get(sig, f"signal {sig}")
        return "error", f"Your code crashed the sandbox with {what}."
    if done is None and any(said in output for said in _THREADS_REFUSED):
        return "error", (
            "The sandbox stopped your code when it asked for more threads than a run may "
            "start (torch.set_num_threads with a big number?). Leave the thread count as it "
            "is; no result means no pass."
        )
    if done is None:
        return "error", (
            "The sandbox ended before reporting a result (did your code call "
            "os._exit or crash the interpreter?). No result means no pass."
        )
    if ended.code not in (0, None):
        return "error", f"The sandbox exited with code {ended.code} before finishing."
    return None


def is_memory(report: dict[str, Any]) -> bool:
    text = f"{report.get('type', '')} {report.get('message', '')}".lower()
    return report.get("type") in ("MemoryError", "OutOfMemoryError") or any(
        w in text for w in _MEMORY_WORDS
    )
