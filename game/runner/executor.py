"""The trusted side's handle on warm sandboxes: a fork zygote (Linux, CPU) or pre-spawned spare
workers (everywhere else, CUDA/MPS, or forced with `TORCHENSTEIN_SANDBOX=spare`), plus the
supervision loop that enforces wall time and memory and cancels.

Must not import torch (it only starts processes and reads their lines) or pygame.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from game.childenv import child_env
from game.runner import runtree
from game.runner.gpufiles import NO_KERNEL_CACHES
from game.runner.limits import SandboxLimits
from game.runner.memory import rss_bytes

READY_TIMEOUT_S = 120.0
SETTLE_S = 30.0  # the zygote's sweep waits for a killed PID namespace, normally milliseconds
MEMORY_POLL_S = 0.04  # RLIMIT_AS stops a single fast allocation; this catches the sum
# How often `tick` runs while a run goes on: it judges finished cases meanwhile, and a small
# puzzle's case takes about a millisecond.
TICK_S = 0.002


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
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTORCH_NVML_BASED_CUDA_CHECK"] = "1"
    env.update(NO_KERNEL_CACHES)
    return env


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
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
        env=sandbox_env(),
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


def _send(proc: subprocess.Popen[bytes], doc: dict[str, Any]) -> None:
    assert proc.stdin is not None
    proc.stdin.write((json.dumps(doc) + "\n").encode())
    proc.stdin.flush()


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

    def warm(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        self.close()
        self.proc = _spawn(["-m", "game.runner.zygote"])
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
        if self.pending is not None:  # its caller never waited for the teardown: do it now
            self.pending.settle()
        while self.next_due and self.lines is not None:
            msg = self.lines.get(SETTLE_S)
            if msg is None or msg is False:  # gone or wedged: start over
                self.close()
                break
            if isinstance(msg, dict) and "next" in msg:
                self.next_due = False
                self.replace_next(msg["next"])
        return self.next_dir

    def take_job_dir(self, limits: SandboxLimits) -> Path | None:
        """The standby's job folder when its walls suit a run with `limits`, else None."""
        self.collect_next()
        found, self.next_dir = self.next_dir, None
        if found is not None and limits.hide == self.hidden:
            return found
        if found is not None:
            shutil.rmtree(found, ignore_errors=True)
        return None

    def replace_next(self, job_dir: object) -> None:
        if self.next_dir is not None:
            shutil.rmtree(self.next_dir, ignore_errors=True)
        self.next_dir = Path(job_dir) if isinstance(job_dir, str) and job_dir else None

    def launch(
        self, job_dir: Path, limits: SandboxLimits, cases: int, puzzle: Path | None = None
    ) -> ZygoteRun:
        """`puzzle`: a mod's puzzle folder, readable by a job that builds its cases."""
        self.collect_next()
        self._ensure_ready()
        assert self.proc is not None and self.lines is not None
        if self.next_dir is not None and self.next_dir != job_dir:
            self.replace_next(None)  # the standby will not be used: the zygote drops it
        self.hidden = limits.hide
        request = {"dir": str(job_dir), "limits": limits.to_json(), "cases": cases}
        if puzzle is not None:
            request["puzzle"] = str(puzzle)
        try:
            _send(self.proc, request)
        except OSError:
            self.close()
            raise RuntimeError("the runner's zygote went away") from None
        msg = self.lines.get(READY_TIMEOUT_S)
        if not isinstance(msg, dict) or "started" not in msg:
            self.close()
            raise RuntimeError("the runner's zygote could not start a sandbox")
        self.pending = ZygoteRun(self, self.proc.pid)
        return self.pending

    def close(self) -> None:
        if self.proc is not None:
            kill_group(self.proc.pid)
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
        _, run = runtree.zygote_run(self.zygote_pid)
        if not run:
            return None
        if self.shared is None:
            self.shared = runtree.own_bytes(self.zygote_pid)
        return runtree.memory(run, run[0], self.shared)

    def kill(self) -> None:
        parents, run = runtree.zygote_run(self.zygote_pid)
        runtree.kill(run + parents)


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
        self.proc = _spawn([*args, "--bare", self.bare] if self.bare else args)
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
            kill_group(proc.pid)
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
        _send(proc, request)
        return run

    def close(self) -> None:
        if self.proc is not None:
            kill_group(self.proc.pid)
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
        kill_group(self.pid)  # whatever it started dies with it
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
            tree = [self.worker, *runtree.descendants(self.worker)]
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
    ended.reason = ended.reason or reason
    ended.wall_ms = (time.monotonic() - started) * 1000
    ended.peak_rss = peak
    return ended
