"""The trusted side's handle on the fork zygote (Linux, CPU: `game/runner/zygote.py`), which
keeps a walled standby ready for the next run, plus the supervision loop every run goes
through (`supervise`: wall time, memory, cancel). Spare workers live in `spare`.

Must not import torch (it only starts processes and reads their lines) or pygame.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.runner import runtree
from game.runner.jobdir import hold, remove_job_dir
from game.runner.limits import SandboxLimits
from game.runner.workerio import READY_TIMEOUT_S, Exit, Lines, Run, send, spawn, stop_group

CLOSE_WAIT_S = 2.0  # for the standby folder's name, when the runner closes (normally ms)
SETTLE_S = 30.0  # the zygote's sweep waits for a killed PID namespace, normally milliseconds
MEMORY_POLL_S = 0.04  # RLIMIT_AS stops a single fast allocation; this catches the sum
# How often `tick` runs while a run goes on: it judges finished cases meanwhile, and a small
# puzzle's case takes about a millisecond.
TICK_S = 0.002


class ZygoteExecutor:
    """One zygote process; `launch` asks it to fork a child for a job folder."""

    name = "fork"

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.lines: Lines | None = None
        self.ready = False
        self.pending: ZygoteRun | None = None  # launched, its teardown not yet seen
        # The job folder of the zygote's standby, walled off as the last run was (`hidden`)
        self.next_dir: Path | None = None
        self.hidden: tuple[str, ...] = ()
        self.next_due = False  # swept, its {"next": ...} word still to read
        self.retired: Path | None = None  # an unused standby's folder, its standby reaped

    def warm(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        self.close()
        self.proc = spawn(["-m", "game.runner.zygote", tempfile.gettempdir()])
        assert self.proc.stdout is not None
        self.lines = Lines(self.proc.stdout)
        self.ready = False

    def _ensure_ready(self) -> None:
        self.warm()
        if self.ready:
            return
        assert self.lines is not None
        msg = self.lines.get(READY_TIMEOUT_S)
        if not isinstance(msg, dict) or not msg.get("ready"):
            self.close()
            raise RuntimeError("the runner's zygote did not start")
        self.ready = True

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None and self.proc.poll() is None else None

    def collect_next(self) -> Path | None:
        """Read the zygote's word on the standby it built after the last run (it comes after
        the sweep, which a player's next check rarely waits for); returns its job folder."""
        self._remove_retired()
        if self.pending is not None:  # its caller never waited for the teardown: do it now
            self.pending.settle()
        if not self._read_next(SETTLE_S):  # gone or wedged: start over
            self.close()
        return self.next_dir

    def _read_next(self, wait: float) -> bool:
        """Read up to the zygote's `next` word, if one is due; False when it is gone or said
        nothing for `wait` seconds."""
        while self.next_due and self.lines is not None:
            msg = self.lines.get(wait)
            if msg is None or msg is False:
                return False
            if isinstance(msg, dict) and "next" in msg:
                self.next_due = False
                self.replace_next(msg["next"])
        return True

    def take_job_dir(self, limits: SandboxLimits) -> Path | None:
        """The standby's job folder when its walls suit a run with `limits`, else None."""
        self.collect_next()
        if self.next_dir is None or limits.hide != self.hidden:
            return None  # an unfit standby's folder goes once the zygote dropped it (`launch`)
        found, self.next_dir = self.next_dir, None
        return found

    def replace_next(self, job_dir: object) -> None:
        if self.next_dir is not None:
            remove_job_dir(self.next_dir)
        self.next_dir = Path(job_dir) if isinstance(job_dir, str) and job_dir else None
        if self.next_dir is not None:
            hold(self.next_dir)  # removed by this side from now on, or swept once both are gone

    def launch(
        self, job_dir: Path, limits: SandboxLimits, cases: int, puzzle: Path | None = None
    ) -> ZygoteRun:
        """`puzzle`: a mod's puzzle folder, readable by a job that builds its cases."""
        self.collect_next()
        self._ensure_ready()
        assert self.proc is not None and self.lines is not None
        # A standby this request does not use may still be building its walls in its folder:
        # the zygote drops it and reaps it before it says "started", and only after that is
        # the folder removed (removed earlier, the standby's last writes recreated parts of it).
        unused = self.next_dir if self.next_dir != job_dir else None
        self.next_dir = None
        self.hidden = limits.hide
        request = {"dir": str(job_dir), "limits": limits.to_json(), "cases": cases}
        if puzzle is not None:
            request["puzzle"] = str(puzzle)
        try:
            self._start(request)
        finally:
            self.retired = unused  # removed before the next run, off this run's clock
            if self.proc is None:  # the zygote is gone: nothing writes there any more
                self._remove_retired()
        self.pending = ZygoteRun(self, self.proc.pid)
        return self.pending

    def _remove_retired(self) -> None:
        if self.retired is not None:
            remove_job_dir(self.retired)
            self.retired = None

    def _start(self, request: dict[str, object]) -> None:
        assert self.proc is not None and self.lines is not None
        try:
            send(self.proc, request)
        except OSError:
            self.close()
            raise RuntimeError("the runner's zygote went away") from None
        msg = self.lines.get(READY_TIMEOUT_S)
        if not isinstance(msg, dict) or "started" not in msg:
            self.close()
            raise RuntimeError("the runner's zygote could not start a sandbox")

    def close(self) -> None:
        if self.proc is not None:
            # the standby folder it is making now would outlive it, unread
            self._read_next(CLOSE_WAIT_S)
            stop_group(self.proc)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
            for pipe in (self.proc.stdin, self.proc.stdout):
                with contextlib.suppress(OSError):
                    pipe and pipe.close()
        self.proc = None
        self.lines = None
        self.ready = False
        self.pending = None
        self.next_due = False
        self.replace_next(None)
        self._remove_retired()


class ZygoteRun:
    """A run under the zygote; its processes are found from the zygote's pid (which the trusted
    side started) through the kernel's process tree, never from the zygote's messages."""

    def __init__(self, zygote: ZygoteExecutor, zygote_pid: int) -> None:
        self.zygote = zygote
        self.zygote_pid = zygote_pid
        self.shared: int | None = None

    def poll(self, timeout: float) -> Exit | None:
        assert self.zygote.lines is not None
        msg = self.zygote.lines.get(timeout)
        if msg is False:
            return None
        if msg is None:  # the zygote itself died: its run dies with it (parent-death signals)
            self.kill()
            self.zygote.close()
            return Exit(None, None, "lost")
        assert isinstance(msg, dict)
        code, sig = msg.get("exit"), msg.get("signal")
        return Exit(
            code if isinstance(code, int) else None, sig if isinstance(sig, int) else None, None
        )

    def settle(self) -> None:
        """The zygote reports its exit first and then tears the run down; wait until it says
        nothing of the run can run again (every process dead, or its only process SIGKILLed
        and exiting), so that no process of a check outlives it."""
        if self.zygote.pending is not self:
            return
        self.zygote.pending = None
        lines = self.zygote.lines
        while lines is not None:
            msg = lines.get(SETTLE_S)
            if msg is None or msg is False:  # gone, or wedged: nothing may be trusted to end
                self.kill()
                self.zygote.close()
                return
            if isinstance(msg, dict) and msg.get("swept"):
                self.zygote.next_due = True
                return

    def memory(self) -> int | None:
        parents, run = runtree.zygote_run(self.zygote_pid)
        if not run:
            return None
        if self.shared is None:
            self.shared = runtree.own_bytes(self.zygote_pid)
        # the parents too: without a PID namespace, what the run orphans comes to the zygote
        return runtree.memory(run + parents, run[0], self.shared)

    def kill(self) -> None:
        parents, run = runtree.zygote_run(self.zygote_pid)
        runtree.kill(run + parents)


def supervise(
    run: Run, limits: SandboxLimits, cancelled: Callable[[], bool], tick: Callable[[], None]
) -> Exit:
    """Wait for a sandbox run, killing it on wall time, memory or cancel."""
    started = time.monotonic()
    deadline = started + limits.wall_s
    reason: str | None = None
    peak = 0
    next_memory = started + MEMORY_POLL_S
    while True:
        ended = run.poll(TICK_S)
        if ended is not None:
            break
        rss = None
        if time.monotonic() >= next_memory:  # walking the run's tree costs the run CPU too
            next_memory = time.monotonic() + MEMORY_POLL_S
            rss = run.memory()
        if rss is not None:
            peak = max(peak, rss)
        if reason is None:
            if time.monotonic() > deadline:
                reason = "timeout"
            elif rss is not None and rss > limits.memory_bytes:
                reason = "memory"
            elif cancelled():
                reason = "cancelled"
            if reason is not None:
                run.kill()
        tick()
    tick()  # cases it finished since the last tick are told before the verdict
    ended.reason = ended.reason or reason
    ended.wall_ms = (time.monotonic() - started) * 1000
    ended.peak_rss = peak
    return ended
