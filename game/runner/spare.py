"""Spare workers: the non-fork way to a warm sandbox (Windows, macOS, CUDA/MPS runs, or forced
with `TORCHENSTEIN_SANDBOX=spare`). One warm worker per device waits for exactly one job
(`game/runner/worker.py`); `SpareRun` is the trusted side's handle on that job: its exit, its
memory (the worker, its children beyond what they share, its scratch and the files it wrote)
and its kill.

Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from game.runner import runtree
from game.runner.limits import SandboxLimits
from game.runner.memory import rss_bytes
from game.runner.workerio import (
    READY_TIMEOUT_S,
    Exit,
    Lines,
    kill_group,
    kill_reaped_group,
    send,
    spawn,
    stop_group,
)


class SpareExecutor:
    """Keeps one warm spare worker per device; each is used for one run, then replaced."""

    name = "spare"

    def __init__(self, device: str) -> None:
        self.device = device
        self.proc: subprocess.Popen[bytes] | None = None
        self.lines: Lines | None = None
        # Set once the device would not start inside the namespaces: why, for every later
        # worker's layers (never a silent downgrade)
        self.bare: str | None = None

    def warm(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        args = ["-m", "game.runner.worker", "--device", self.device]
        pinned = {}
        if os.name == "posix" and os.geteuid() == 0:
            from game.runner import idmap

            pinned[idmap.PINNED] = str(idmap.fresh_run_identity()[0])  # its own, as a jail's
        self.proc = spawn([*args, "--bare", self.bare] if self.bare else args, pinned)
        assert self.proc.stdout is not None
        self.lines = Lines(self.proc.stdout)

    def _ready(self) -> tuple[subprocess.Popen[bytes], Lines, int | None]:
        """A started worker, taken out of the warm slot. A worker whose device would not start
        inside its namespaces is replaced, once, by one without them."""
        why = ""
        for _ in range(2):
            self.warm()
            proc, lines = self.proc, self.lines
            assert proc is not None and lines is not None
            self.proc, self.lines = None, None
            msg = lines.get(READY_TIMEOUT_S)
            if isinstance(msg, dict) and msg.get("ready"):
                uid = msg.get("uid")
                return proc, lines, uid if isinstance(uid, int) and uid >= 0 else None
            stop_group(proc)
            why = f" ({str(msg.get('error'))[:100]})" if isinstance(msg, dict) else ""
            if not (isinstance(msg, dict) and msg.get("walled") is True) or self.bare:
                break
            self.bare = f"{self.device} would not start in them: {msg.get('error')}"[:100]
        raise RuntimeError(f"the runner's spare worker for {self.device} did not start{why}")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None and self.proc.poll() is None else None

    def launch(
        self, job_dir: Path, limits: SandboxLimits, cases: int, puzzle: Path | None = None
    ) -> SpareRun:
        proc, lines, uid = self._ready()
        if uid is not None and sys.platform != "win32" and os.geteuid() == 0:
            # the worker writes its results there itself
            os.chown(job_dir / "out", uid, uid)
        job = None
        if sys.platform == "win32":
            from game.runner.winjob import confine

            job = confine(proc, limits)
        request = {"dir": str(job_dir), "limits": limits.to_json()}
        if puzzle is not None:
            request["puzzle"] = str(puzzle)
        run = SpareRun(self, proc, lines, job, job_dir / "out")  # sized before the job starts
        send(proc, request)
        return run

    def close(self) -> None:
        if self.proc is not None:
            stop_group(self.proc)
            self.proc.wait()
        self.proc = None
        self.lines = None


class SpareRun:
    def __init__(
        self,
        owner: SpareExecutor,
        proc: subprocess.Popen[bytes],
        lines: Lines,
        job: Any,
        out: Path,
    ) -> None:
        self.owner = owner
        self.proc = proc
        self.pid = proc.pid
        self.lines = lines  # the worker's announcement of its layers, before any player code
        self.job = job  # keeps the Windows job object (and its limits) alive for the run
        self.out = out  # where the run writes its results, on the host's disk
        # The warm worker's size before its job: what a process it forks shares with it. Read
        # once, so that a worker that grows cannot raise what its children may hold uncounted.
        self.worker, self.shared = self.pid, 0
        if sys.platform.startswith("linux"):
            inner = runtree.children(self.pid)  # the process started stays outside and waits
            self.worker = inner[0] if inner else self.pid
            self.shared = runtree.own_bytes(self.worker)

    def _layers(self) -> list[str]:
        """The first thing the worker said after its request; the run itself never held the
        pipe it was said on. Nothing said means nothing known."""
        msg = self.lines.get(0.5)
        found = msg.get("layers") if isinstance(msg, dict) else None
        if not isinstance(found, list):
            return ["unknown (the worker did not say)"]
        return [str(x)[:80] for x in found[:40]]

    def poll(self, timeout: float) -> Exit | None:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        kill_reaped_group(self.pid)  # whatever it started dies with it
        if self.job is not None:
            self.job.close()  # a job object kills what is left in it when closed
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                pipe and pipe.close()
        ended = Exit(code, None, None) if code >= 0 else Exit(None, -code, None)
        ended.layers = self._layers()
        return ended

    def settle(self) -> None:
        pass  # `poll` has already killed the worker's group

    def memory(self) -> int | None:
        """Its processes (the worker whole, each child beyond what it shares with the warm
        worker), its scratch tmpfs, and the results it has written to the host's disk."""
        if sys.platform.startswith("linux"):
            # below the outer process: without a PID namespace what the run orphans comes to it
            below = [p for p in runtree.descendants(self.pid) if p != self.worker]
            tree = [self.worker, *below]
            written = runtree.folder_bytes(self.out)
            return runtree.memory(tree, self.worker, self.shared) + written
        return rss_bytes(self.pid)

    def kill(self) -> None:
        if self.job is not None:
            self.job.terminate()
        if self.worker != self.pid:
            # The worker and what it started; the outer process, their subreaper, then kills
            # what they orphaned (a setsid() child) and exits. Killing it first would hand
            # the orphans to the host's init.
            runtree.kill([self.worker, *runtree.descendants(self.worker)])
        else:
            kill_group(self.pid)
