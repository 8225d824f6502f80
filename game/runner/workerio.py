"""How the trusted side starts a sandbox process and talks to it: the environment a sandbox
gets (an allowlist), the spawn, JSON lines read with a timeout, and the kill of a process group;
plus what every run handle gives back (`Exit`, `Run`). Shared by the zygote and the spare
workers (`executor`, `spare`).

Must not import torch (it only starts processes and reads their lines) or pygame.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import IO, Any, Protocol

from game.childenv import child_env
from game.runner.gpufiles import NO_KERNEL_CACHES
from game.runner.limits import omp_thread_limit

READY_TIMEOUT_S = 120.0


@dataclass
class Exit:
    code: int | None
    signal: int | None
    reason: str | None  # "timeout" | "memory" | "cancelled" | "lost" | None
    wall_ms: float = 0.0
    peak_rss: int = 0
    layers: list[str] | None = None  # a spare worker's own word on its protections


class Run(Protocol):
    def poll(self, timeout: float) -> Exit | None: ...

    def memory(self) -> int | None: ...

    def kill(self) -> None: ...

    def settle(self) -> None:
        """Return once nothing of the run can run again (after `poll` gave its exit)."""


# What a sandbox keeps of the runner's environment (POSIX): what Python, torch and the GPU
# drivers read, and the sandbox's own switches. Everything else (tokens and keys, the session
# bus's address, DISPLAY, SSH_AUTH_SOCK, TORCHENSTEIN_HOME) stays out of the run's reach.
_KEPT = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TERM", "LD_LIBRARY_PATH")
_KEPT_PREFIXES = (
    "LC_", "PYTHON", "VIRTUAL_ENV", "CONDA_", "TORCHENSTEIN_SANDBOX", "TORCHENSTEIN_RUNNER",
    "CUDA_", "NVIDIA_", "HIP_", "ROCM_", "ROCR_", "HSA_", "PYTORCH_", "OMP_", "MKL_", "KMP_",
    "OPENBLAS_",
)  # fmt: skip


def sandbox_env() -> dict[str, str]:
    env = dict(os.environ)
    if os.name == "posix":  # Windows needs much of its environment and walls nothing anyway
        env = {k: v for k, v in env.items() if k in _KEPT or k.startswith(_KEPT_PREFIXES)}
    env = child_env(env)
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("MKL_NUM_THREADS", "1")
    env["OMP_THREAD_LIMIT"] = str(omp_thread_limit())  # the run's, not the user's
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTORCH_NVML_BASED_CUDA_CHECK"] = "1"
    env.update(NO_KERNEL_CACHES)
    return env


def spawn(args: list[str], pinned: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A sandbox process (`pinned`: settings of its own on top of `sandbox_env`)."""
    debug = os.environ.get("TORCHENSTEIN_RUNNER_DEBUG")
    kwargs: dict[str, Any] = {}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        kwargs["start_new_session"] = True
    return subprocess.Popen(
        [sys.executable, "-P", *args],  # -P: never the working folder's `game` (see client)
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=None if debug else subprocess.DEVNULL,
        env={**sandbox_env(), **(pinned or {})},
        close_fds=True,
        **kwargs,
    )


class Lines:
    """JSON lines from a pipe, read on a thread so the caller can wait with a timeout."""

    def __init__(self, pipe: IO[bytes]) -> None:
        self.queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, args=(pipe,), daemon=True).start()

    def _read(self, pipe: IO[bytes]) -> None:
        for raw in pipe:
            try:
                self.queue.put(json.loads(raw))
            except ValueError:
                continue
        self.queue.put(None)

    def get(self, timeout: float) -> dict[str, Any] | bool | None:
        """A message, None at end of stream, False on timeout."""
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return False


def kill_group(pid: int) -> None:
    try:
        if sys.platform == "win32":
            os.kill(pid, signal.SIGTERM)
        else:
            os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            os.kill(pid, signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill a process this side started, and its group, whether or not `Popen` has already
    reaped it."""
    if proc.poll() is None:  # not reaped (a zombie still holds its pid)
        kill_group(proc.pid)
    else:
        kill_reaped_group(proc.pid)


def kill_reaped_group(pgid: int) -> None:
    """Kill what is left of the group of a leader already reaped. Only the group is signalled:
    its id stays reserved while any member lives, but the leader's pid may already be another
    process's (`kill_group` falls back to it)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)


def send(proc: subprocess.Popen[bytes], doc: dict[str, Any]) -> None:
    assert proc.stdin is not None
    proc.stdin.write((json.dumps(doc) + "\n").encode())
    proc.stdin.flush()
