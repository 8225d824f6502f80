"""The warm zygote: a process that imports torch once, never computes, and forks one run
parent per run (Linux; see `jail`). Talks JSON lines with the trusted runner on stdin/stdout:

    -> {"dir": JOB_DIR, "limits": {...}, "cases": N}
    <- {"ready": true} once, then per run {"started": true}, {"exit": CODE, "signal": SIG}
       and {"swept": true} once nothing of the run is left

Forking after torch has run multi-threaded work can hang the child, and CUDA cannot survive a
fork, so nothing here touches tensors or CUDA. The zygote is non-dumpable and invisible to
runs (they live in their own PID namespace), and a child subreaper: after each run, every
child it still has is killed and reaped. The trusted side never takes a pid from it.
Never imports pygame.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import select
import signal
import sys
import time
from typing import IO, Any

from game.runner import hugepages, jail, newroot, syscalls
from game.runner.preload import preload

_PR_SET_CHILD_SUBREAPER = 36
READY_S = 30.0  # building a run's namespaces takes milliseconds; this covers a wedged kernel
BACKSTOP_S = 30.0  # the trusted side kills on time; this only covers a wedged trusted side


def _become_subreaper() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _children() -> list[int]:
    found: list[int] = []
    try:
        for tid in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{tid}/children", encoding="ascii") as f:
                found += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return found


def _sweep() -> None:
    """Kill whatever child is left (a run parent, or a run init handed to us as an orphan) and
    reap it. The wait blocks: a killed PID namespace init returns only once every process of
    its namespace is gone, which is exactly the guarantee wanted before the next run."""
    while True:
        for pid in _children():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _wait(
    pid: int, stdin: IO[bytes], news: int, wall_s: float
) -> tuple[int | None, int | None, bool]:
    """Wait for the child, or for its word (`news`) that the run finished and its results are
    out, whichever comes first; returns (exit code, signal, trusted side gone)."""
    fds: list[Any] = [stdin, news]
    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    if pidfd is not None:
        fds.append(pidfd)
    deadline = time.monotonic() + wall_s + BACKSTOP_S
    gone = False
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                if code < 0:
                    return None, -code, gone
                return code, None, gone
            ready, _, _ = select.select(fds, [], [], 0.05 if pidfd is not None else 0.002)
            if news in ready:
                said = os.read(news, 16)
                if jail.RUN_DONE in said:
                    return 0, None, gone
                if not said:
                    fds.remove(news)
            if stdin in ready and not gone and not stdin.readline():
                gone = True  # trusted side died: end the run now
            if gone or time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)  # its init dies with it (parent-death signal)
                fds = [pidfd] if pidfd is not None else []
    finally:
        if pidfd is not None:
            os.close(pidfd)


def serve() -> None:
    stdin = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray prints must not corrupt the protocol
    preload()
    syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
    _become_subreaper()
    plan = newroot.root_plan()
    me = os.getpid()
    gc.freeze()  # children then leave the preloaded objects' pages shared instead of copying them
    hugepages.collapse_heap()

    def send(doc: dict[str, Any]) -> None:
        out.write(json.dumps(doc) + "\n")
        out.flush()

    send({"ready": True, "pid": os.getpid()})
    while True:
        line = stdin.readline()
        if not line:
            return
        request = json.loads(line)
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(ready_read)
                jail.run_parent(str(request["dir"]), request, plan, me, ready_write)
            finally:
                os._exit(70)
        os.close(ready_write)
        # The run's clock starts once its walls stand (or its parent gave up building them):
        # building them is the game's cost, not the player's time limit.
        if select.select([ready_read], [], [], READY_S)[0]:
            os.read(ready_read, len(jail.WALLS_UP))
        send({"started": True})
        code, sig, gone = _wait(pid, stdin, ready_read, float(request["limits"]["wall_s"]))
        os.close(ready_read)
        if gone:
            _sweep()
            return
        send({"exit": code, "signal": sig})  # the judge reads while the run is torn down
        _sweep()
        send({"swept": True})


if __name__ == "__main__":
    serve()
