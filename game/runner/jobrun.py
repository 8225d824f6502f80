"""One sandboxed run, from start to verdict: its job folder written (`jobspec`; a standby's, whose
walls already stand, where the zygote has one), the sandbox launched and supervised (time,
memory, cancel), progress told as the run's cases come back (`CaseWatch`), what it left judged
(`judge`), and the folder removed. The runner decides what to run; this runs it.

Imports torch (through the judge); never pygame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.runner.bundle import Bundle, PreparedCase
from game.runner.casewatch import CaseWatch
from game.runner.executor import ZygoteExecutor, supervise
from game.runner.jobdir import make_job_dir, remove_job_dir
from game.runner.jobspec import write_job
from game.runner.judge import judge
from game.runner.limits import SandboxLimits
from game.runner.protocol import Mode, RunResult
from game.runner.runtools import Tools
from game.runner.spare import SpareExecutor
from game.runner.workerio import Exit

Progress = Callable[[int, int], None]


@dataclass
class Attempt:
    """What one run is asked: whose code, on which device and cases, in which mode, with which
    rules and tools (`rules=False`: the reference's own run, for its metrics)."""

    bundle: Bundle
    code: str
    device: str
    mode: Mode
    cases: list[PreparedCase]
    roots: list[Path]
    rules: bool = True
    tools: Tools = field(default_factory=dict)


def run_attempt(
    executor: ZygoteExecutor | SpareExecutor,
    attempt: Attempt,
    limits: SandboxLimits,
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> RunResult:
    a = attempt
    job_dir = executor.take_job_dir(limits) if isinstance(executor, ZygoteExecutor) else None
    job_dir = job_dir or make_job_dir()
    out = job_dir / "out"
    try:
        write_job(job_dir / "in", a.bundle, a.code, a.device, a.cases, a.roots, a.rules, a.tools)
        for written in (job_dir / "in").rglob("*"):
            written.chmod(0o755 if written.is_dir() else 0o644)  # the run's uid reads them
        watch = CaseWatch(a.bundle, a.cases, out, a.device)
        told = [0]

        def tick() -> None:
            judged = watch.ahead()
            while progress is not None and told[0] < judged:
                told[0] += 1
                progress(told[0], len(a.cases))

        try:
            run = executor.launch(job_dir, limits, len(a.cases))
        except RuntimeError as exc:
            ended = Exit(None, None, "lost")
            return judge(a.bundle, a.code, a.device, a.mode, a.cases, out, ended, str(exc))
        ended = supervise(run, limits, cancelled, tick)
        if isinstance(executor, SpareExecutor):
            executor.warm()  # the next spare boots while we judge
        try:
            return judge(a.bundle, a.code, a.device, a.mode, a.cases, out, ended, None, watch)
        finally:
            run.settle()
    finally:
        remove_job_dir(job_dir)
