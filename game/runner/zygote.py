"""The warm zygote: a process that imports torch once, never computes, and forks one run
parent per run (Linux; see `jail`). Talks JSON lines with the trusted runner on stdin/stdout:

    python -m game.runner.zygote [TEMP]
    -> {"dir": JOB_DIR, "limits": {...}, "cases": N}
    <- {"ready": true} once, then per run {"started": true}, {"exit": CODE, "signal": SIG},
       {"swept": true} once nothing of the run can run again (its processes are dead, or its
       only process is SIGKILLed), then {"next": JOB_DIR or null}, the standby's job folder

Forking after torch has run multi-threaded work can hang the child, and CUDA cannot survive a
fork, so nothing here touches tensors or CUDA. The zygote is non-dumpable and invisible to
runs (they live in their own PID namespace), and a child subreaper: after each run, every
child it still has is killed and reaped. The trusted side never takes a pid from it. When the
trusted side's end of stdin closes, the zygote kills what runs, removes the folders it alone
still knows of (the run's, its standby's) and exits. Never imports pygame.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from game.runner import hugepages, jail, jobdir, newroot, relay, runtree, syscalls
from game.runner.preload import preload

READY_S = 30.0  # building a run's namespaces takes milliseconds; this covers a wedged kernel
BACKSTOP_S = 30.0  # the trusted side kills on time; this only covers a wedged trusted side


@dataclass
class Ended:
    code: int | None
    signal: int | None
    gone: bool  # the trusted side went away
    alone: bool = False  # its only process is SIGKILLed already (`jail.RUN_ALONE`)


def _wait(pid: int, stdin: IO[bytes], news: int, wall_s: float) -> Ended:
    """Wait for the child, or for its word (`news`) that the run finished and its results are
    out, whichever comes first."""
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
                return Ended(None, -code, gone) if code < 0 else Ended(code, None, gone)
            ready, _, _ = select.select(fds, [], [], 0.05 if pidfd is not None else 0.002)
            if news in ready:
                said = os.read(news, 16)
                if relay.RUN_DONE in said or jail.RUN_ALONE in said:
                    return Ended(0, None, gone, alone=jail.RUN_ALONE in said)
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


@dataclass
class Standby:
    """A run parent (and its init) forked ahead of the request, walls built around the job
    folder the trusted side fills next; it waits for the request on `go`, and refuses one whose
    walls would differ from those it built (see `jail.run_parent`)."""

    pid: int
    job_dir: str
    go: int
    news: int

    def fits(self, request: dict[str, Any]) -> bool:
        return request.get("dir") == self.job_dir and not request.get("puzzle")

    def discard(self) -> None:
        os.close(self.go)  # its parent reads the end of the pipe and leaves; _sweep reaps it
        os.close(self.news)


def _fork_parent(
    request: dict[str, Any], plan: newroot.RootPlan, me: int, go: int | None
) -> tuple[int, int]:
    """Fork a run parent for `request` (or, with `go`, a standby that waits for the request
    there); returns its pid and the pipe it reports on."""
    news_read, news_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(news_read)
            jail.run_parent(str(request["dir"]), request, plan, me, news_write, go)
        finally:
            os._exit(70)
    os.close(news_write)
    return pid, news_read


def _standby(job_dir: str, last: dict[str, Any], plan: newroot.RootPlan, me: int) -> Standby:
    """A standby for the next run in `job_dir`, walled as `last` was."""
    go_read, go_write = os.pipe()
    pid, news = _fork_parent({"dir": job_dir, "limits": last["limits"]}, plan, me, go_read)
    os.close(go_read)
    return Standby(pid, job_dir, go_write, news)


def serve(temp: str | None = None) -> None:
    """`temp`: the trusted side's temp folder, where both sides make job folders and where the
    trusted side sweeps those of killed runners (the zygote's environment has no TMPDIR)."""
    if temp:
        tempfile.tempdir = temp
    stdin = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray prints must not corrupt the protocol
    preload()
    syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
    runtree.become_subreaper()
    plan = newroot.root_plan()
    me = os.getpid()
    gc.freeze()  # children then leave the preloaded objects' pages shared instead of copying them
    hugepages.collapse_heap()

    def send(doc: dict[str, Any]) -> None:
        out.write(json.dumps(doc) + "\n")
        out.flush()

    send({"ready": True, "pid": os.getpid()})
    held: list[str] = []  # folders nobody else would remove, should the trusted side die now
    with contextlib.suppress(BrokenPipeError):  # it died before reading a line we sent
        _serve(stdin, send, plan, me, held)
    runtree.sweep()
    for folder in held:
        jobdir.remove_job_dir(Path(folder))


def _serve(
    stdin: IO[bytes],
    send: Callable[[dict[str, Any]], None],
    plan: newroot.RootPlan,
    me: int,
    held: list[str],
) -> None:
    """Serve runs until the trusted side is gone (the end of stdin, read between runs or
    during one); `held` names the folders of the run and standby in flight meanwhile."""
    standby: Standby | None = None
    while True:
        line = stdin.readline()
        if not line:
            if standby is not None:
                standby.discard()
            return
        request = json.loads(line)
        held[:] = [str(request["dir"]), *([standby.job_dir] if standby is not None else [])]
        if standby is not None and standby.fits(request):
            os.write(standby.go, line)
            os.close(standby.go)
            pid, news = standby.pid, standby.news
        else:
            if standby is not None:
                standby.discard()
                runtree.sweep()
            pid, news = _fork_parent(request, plan, me, None)
        standby = None
        # The run's clock starts once its walls stand (or its parent gave up building them):
        # building them is the game's cost, not the player's time limit.
        if select.select([news], [], [], READY_S)[0]:
            os.read(news, len(jail.WALLS_UP))
        send({"started": True})
        ended = _wait(pid, stdin, news, float(request["limits"]["wall_s"]))
        os.close(news)
        if ended.gone:
            return
        send({"exit": ended.code, "signal": ended.signal})  # judged while it is torn down
        if ended.alone:
            send({"swept": True})  # a killed lone process runs nothing more while it exits
        runtree.sweep()
        if not ended.alone:
            send({"swept": True})
        for folder in held:  # the run's folder, and a dropped standby's, are the trusted side's
            jobdir.release(Path(folder))  # (it holds them since it heard of them)
        held.clear()
        job_dir = None
        if not request.get("puzzle"):
            with contextlib.suppress(OSError):
                job_dir = str(jobdir.make_job_dir())
                held.append(job_dir)
        send({"next": job_dir})
        if job_dir is not None:  # the next run's walls go up while the trusted side judges
            standby = _standby(job_dir, request, plan, me)


if __name__ == "__main__":
    serve(*sys.argv[1:2])
