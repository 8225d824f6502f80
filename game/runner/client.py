"""The game's handle on the runner service. Lives in the UI process, so it MUST NOT import
torch (nor any other `game.runner` module but `protocol`), and no call ever blocks: requests
are written to the service's stdin, events are read on a thread and handed out by `poll()`.

    client = RunnerClient(roots)   # the content roots: base game, then enabled mods
    job = client.submit("summon_tensors", code)
    ...every frame: for event in client.poll(): ...   # started/progress..., then one result

If the service dies, every job in flight gets an `error` event and the next request restarts it.
"""

from __future__ import annotations

import itertools
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from game.childenv import child_env
from game.runner.protocol import CancelRequest, DescribeRequest, JobEvent, Mode, RunRequest

_FINAL = {"result", "cancelled", "error", "examples"}


def _stderr_target(env: dict[str, str]) -> Any:
    """The service's stderr: the console when debugging, else the session log (append), so a
    runner crash is in the file a player attaches to a bug report."""
    if env.get("TORCHENSTEIN_RUNNER_DEBUG"):
        return None
    log = env.get("TORCHENSTEIN_LOG")
    try:
        return open(log, "ab") if log else subprocess.DEVNULL
    except OSError:
        return subprocess.DEVNULL


class RunnerClient:
    def __init__(self, roots: list[Path], private: list[Path] | None = None) -> None:
        self.roots = [Path(r) for r in roots]
        self.private = [Path(p) for p in private or []]  # the player's folders, hidden from runs
        self._proc: subprocess.Popen[bytes] | None = None
        self._events: queue.Queue[JobEvent | int] = queue.Queue()  # int: service `gen` ended
        self._ids = itertools.count(1)
        self._gen = 0  # which service process; bumped on every (re)start
        self._in_flight: dict[str, int] = {}  # job -> the service generation it was sent to
        self._devices: list[str] | None = None
        self._write_lock = threading.Lock()

    # --- lifecycle ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the service now (it warms torch in the background); returns at once."""
        if self.running:
            return
        # -P: `-m` would put the working folder first on sys.path, so a `game` folder there
        # (a folder of students' submissions) would run instead of the game's own
        args = [sys.executable, "-P", "-m", "game.runner.service"]
        for root in self.roots:
            args += ["--root", str(root.resolve())]
        for folder in self.private:
            args += ["--private", str(folder.resolve())]
        env = child_env()
        # No console window flashing up behind the game on Windows.
        flags = 0
        if sys.platform == "win32":
            flags = subprocess.CREATE_NO_WINDOW
        stderr = _stderr_target(env)
        try:
            self._proc = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
                creationflags=flags,
            )
        finally:
            if hasattr(stderr, "close"):
                stderr.close()  # the child has its own copy
        assert self._proc.stdout is not None
        self._gen += 1
        threading.Thread(
            target=self._read, args=(self._proc.stdout, self._gen), daemon=True
        ).start()

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()  # the service shuts its sandboxes down on end of input
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()

    # --- requests -------------------------------------------------------------------------
    def submit(
        self,
        puzzle_id: str,
        code: str,
        *,
        device: str = "auto",
        mode: Mode = "submit",
        solutions: dict[str, str] | None = None,
    ) -> str:
        """`solutions`: the player's passing answers by puzzle id (the puzzle's tools)."""
        job = f"job{next(self._ids)}"
        request = RunRequest(
            job=job,
            puzzle=puzzle_id,
            code=code,
            device=device,
            mode=mode,
            solutions=solutions or {},
        )
        self._send(job, request.model_dump_json())
        return job

    def describe(self, puzzle_id: str) -> str:
        """Ask for the visible examples (inputs, expected outputs); answered by an `examples` event."""
        job = f"job{next(self._ids)}"
        self._send(job, DescribeRequest(job=job, puzzle=puzzle_id).model_dump_json())
        return job

    def cancel(self, job_id: str) -> None:
        if job_id in self._in_flight and self.running:
            self._write(CancelRequest(job=job_id).model_dump_json())

    def devices(self) -> list[str] | None:
        """The devices the service found (cpu, cuda, mps), or None until it has said."""
        return list(self._devices) if self._devices is not None else None

    def poll(self) -> list[JobEvent]:
        """Everything that happened since the last call. Never blocks."""
        out: list[JobEvent] = []
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return out
            if isinstance(event, int):  # that service process went away
                for job in sorted(j for j, gen in self._in_flight.items() if gen == event):
                    del self._in_flight[job]
                    out.append(
                        JobEvent(
                            job=job,
                            kind="error",
                            message="The runner stopped unexpectedly. Press Run to try again.",
                        )
                    )
                continue
            if event.kind in _FINAL:
                self._in_flight.pop(event.job, None)
            out.append(event)

    # --- plumbing -------------------------------------------------------------------------
    def _send(self, job: str, line: str) -> None:
        ok = self._write(line)
        if not ok:  # one restart if it died
            self._reap()
            ok = self._write(line)
        self._in_flight[job] = self._gen
        if not ok:
            self._in_flight.pop(job, None)
            self._events.put(
                JobEvent(job=job, kind="error", message="The runner could not be started.")
            )

    def _write(self, line: str) -> bool:
        with self._write_lock:
            if not self.running:
                self._reap()
                self.start()
            proc = self._proc
            try:
                assert proc is not None and proc.stdin is not None
                proc.stdin.write((line + "\n").encode("utf-8"))
                proc.stdin.flush()
                return True
            except (OSError, ValueError, AssertionError):
                return False

    def _reap(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.kill()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass

    def _read(self, pipe: IO[bytes], gen: int) -> None:
        for raw in pipe:
            try:
                event = JobEvent.model_validate_json(raw)
            except ValidationError:
                continue
            if event.kind == "devices":
                self._devices = list(event.devices or [])
            else:
                self._events.put(event)
        self._events.put(gen)


def sandbox_summary() -> str:
    """The sentence naming the protections a run gets on this machine, for the Settings screen
    (a probe in a forked child, cached; imports neither torch nor pygame)."""
    from game.runner.protections import probe, summary

    return summary(probe())
