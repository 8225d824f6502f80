"""The runner service: `python -m game.runner.service --root PATH...`, started by
`RunnerClient` in the game. JSON lines of `protocol` models in (RunRequest, CancelRequest,
DescribeRequest) and `JobEvent`s out. Jobs run one at a time on a worker thread while the main
thread keeps reading, so a Cancel arrives mid-run. It never dies of a bad job: every failure
becomes an `error` event. Imports torch (through the engine); never pygame.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import threading
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from game.runner.protocol import (
    CancelRequest,
    CaseResult,
    DescribeRequest,
    JobEvent,
    RunRequest,
)


class Service:
    def __init__(self, roots: list[Path], out: IO[str]) -> None:
        from game.runner.engine import Runner

        self.roots = roots
        self.out = out
        self.write_lock = threading.Lock()
        self.runner = Runner()
        self.jobs: queue.Queue[RunRequest | DescribeRequest | None] = queue.Queue()
        self.cancelled: set[str] = set()
        self.current: str | None = None

    def send(self, event: JobEvent) -> None:
        with self.write_lock:
            self.out.write(event.model_dump_json() + "\n")
            self.out.flush()

    # --- reading -----------------------------------------------------------------------
    def handle_line(self, line: str) -> None:
        try:
            doc: Any = json.loads(line)
            kind = doc.get("type")
            if kind == "run":
                self.jobs.put(RunRequest.model_validate(doc))
            elif kind == "describe":
                self.jobs.put(DescribeRequest.model_validate(doc))
            elif kind == "cancel":
                self.cancelled.add(CancelRequest.model_validate(doc).job)
            else:
                raise ValueError(f"unknown request type {kind!r}")
        except (ValueError, ValidationError, AttributeError) as exc:
            job = doc.get("job", "") if isinstance(doc, dict) else ""
            self.send(JobEvent(job=str(job), kind="error", message=f"bad request: {exc}"))

    # --- working ---------------------------------------------------------------------------
    def work(self) -> None:
        from game.runner.devices import available_devices

        self.runner.warm("cpu")  # the zygote boots while torch probes for devices here
        self.send(JobEvent(job="", kind="devices", devices=list(available_devices())))
        while True:
            request = self.jobs.get()
            if request is None:
                return
            if request.job in self.cancelled:
                self.cancelled.discard(request.job)
                self.send(JobEvent(job=request.job, kind="cancelled"))
                continue
            self.current = request.job
            try:
                if isinstance(request, DescribeRequest):
                    self.describe(request)
                else:
                    self.run(request)
            except Exception as exc:
                self.send(JobEvent(job=request.job, kind="error", message=_plain(exc)))
            finally:
                self.current = None
                self.cancelled.discard(request.job)
            if self.runner.tainted:
                self.retire()
                return

    def retire(self) -> None:
        """A puzzle's code overran and its thread cannot be stopped: shut the sandboxes down
        and end this process; the client starts a fresh one for the next request."""
        self.runner.close()
        with self.write_lock:
            self.out.flush()
        os._exit(0)

    def run(self, request: RunRequest) -> None:
        from game.runner.devices import resolve_device

        entry = self.runner.find(request.puzzle, self.roots)
        device = resolve_device(request.device, list(entry.model.devices))
        self.send(JobEvent(job=request.job, kind="started"))

        def progress(done: int, total: int) -> None:
            self.send(JobEvent(job=request.job, kind="progress", done=done, total=total))

        result = self.runner.check(
            entry,
            request.code,
            device,
            request.mode,
            None,
            progress=progress,
            cancelled=lambda: request.job in self.cancelled,
            roots=self.roots,
            solutions=request.solutions,
        )
        if request.job in self.cancelled:
            self.send(JobEvent(job=request.job, kind="cancelled"))
        else:
            self.send(JobEvent(job=request.job, kind="result", result=result))

    def describe(self, request: DescribeRequest) -> None:
        from game.runner.preview import preview

        entry = self.runner.find(request.puzzle, self.roots)
        with self.runner.lock:
            prepared = self.runner.bounded(entry, lambda bundle: bundle.fixed("example"))
            examples = [
                CaseResult(
                    name=p.case.name,
                    kind="example",
                    status="skipped",
                    message=p.case.note,
                    inputs=[preview(a) for a in (*p.case.args, *p.case.kwargs.values())],
                    expected=preview(p.expected),
                )
                for p in prepared
            ]
        self.send(JobEvent(job=request.job, kind="examples", examples=examples))


def _plain(exc: Exception) -> str:
    text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return (text or type(exc).__name__)[:1000]  # a puzzle's error can quote anything


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.runner.service")
    parser.add_argument(
        "--root",
        action="append",
        default=[],
        type=Path,
        help="a content root, in order: the base game, then each enabled mod (the caller "
        "discovers them; the service never reads the user's folders)",
    )
    parser.add_argument(
        "--private",
        action="append",
        default=[],
        type=Path,
        help="a folder of the player's (saves, mods, settings) that no run may see",
    )
    args = parser.parse_args(argv)
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    os.dup2(2, 1)  # stray prints from puzzle code must not corrupt the protocol
    # A reference that forks (DataLoader workers) must not inherit a sys.stdin whose lock our
    # reading thread holds: multiprocessing's child closes sys.stdin first thing and would hang.
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 -- lives as long as the process
    service = Service([p.resolve() for p in args.root], out)
    service.runner.keep_private(args.private)
    worker = threading.Thread(target=service.work, daemon=True)
    worker.start()
    try:
        for line in requests:
            if line.strip():
                service.handle_line(line)
    finally:
        service.cancelled.update({service.current} if service.current else set())
        service.jobs.put(None)
        worker.join(timeout=10)
        service.runner.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
