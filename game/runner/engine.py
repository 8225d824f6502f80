"""The trusted runner: from (puzzle, code, device, mode) to a `RunResult`.

It checks the code statically (with the run's toolbox, `runtools`), builds the cases and expected
outputs under a deadline (`bundle`; a mod's in a sandbox, `modbuild`), runs the job in a warm
sandbox and judges it (`jobrun`), shrinks a failing random case, and measures the reference once
per device. One `Runner` per process keeps the zygote, the spare workers, the loaded puzzles
(`shelf`) and the reference's metrics warm. Imports torch; never pygame.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import torch

from game.content.puzzle_entry import PuzzleEntry
from game.content.rule_visitor import CodeContext
from game.content.static_rules import check_code as check_static
from game.runner import shrink
from game.runner.bundle import (
    Bundle,
    PreparedCase,
    PuzzleTimeout,
    reference_timeout_s,
)
from game.runner.casefp import CaseFingerprint, fingerprint_cases
from game.runner.executor import ZygoteExecutor
from game.runner.jobdir import sweep_stale
from game.runner.jobrun import Attempt, Progress, run_attempt
from game.runner.jobspec import run_limits
from game.runner.judge import judge_static
from game.runner.modbuild import build_in_sandbox
from game.runner.protocol import Metrics, Mode, RunResult
from game.runner.runtools import Tools, gather_tools
from game.runner.shelf import PuzzleShelf, UnknownPuzzleError
from game.runner.spare import SpareExecutor
from game.runner.usage import unused_parameters

T = TypeVar("T")


def fork_available() -> bool:
    forced = os.environ.get("TORCHENSTEIN_SANDBOX", "")
    if forced == "spare":
        return False
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Runner:
    def __init__(self) -> None:
        if sys.platform.startswith("linux"):  # no same-user process may read this one's memory
            from game.runner import syscalls

            syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
        # What killed games and zygotes left in the temp folder: nobody holds it any more
        sweep_stale()
        self.lock = threading.Lock()
        self.zygote = ZygoteExecutor() if fork_available() else None
        self.spares: dict[str, SpareExecutor] = {}
        self.shelf = PuzzleShelf(self._build_isolated)
        self.reference_metrics: dict[tuple[Path, str], Metrics] = {}
        # Folders of the player's that no run may see, named by whoever started this runner
        # (it never looks for them itself).
        self.private: set[str] = set()
        # Set when a puzzle's code overran: its thread may still hold torch state, so a service
        # should report and then make way for a fresh process.
        self.tainted = False

    # --- warm pieces -------------------------------------------------------------------
    def warm(self, device: str = "cpu") -> None:
        """Start the sandbox process for `device` now, so the first Run is fast."""
        self._executor(device).warm()

    def _executor(self, device: str) -> ZygoteExecutor | SpareExecutor:
        if device == "cpu" and self.zygote is not None:
            return self.zygote
        if device not in self.spares:
            self.spares[device] = SpareExecutor(device)
        return self.spares[device]

    def keep_private(self, folders: Iterable[Path]) -> None:
        """Hide `folders` (the player's saves, mods and settings) from every later run, even
        where they sit inside something a run may read."""
        self.private |= {str(Path(folder).resolve()) for folder in folders}

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()
        for spare in self.spares.values():
            spare.close()
        self.spares.clear()

    def find(self, puzzle_id: str, roots: list[Path]) -> PuzzleEntry:
        """The puzzle `puzzle_id` of the content `roots`; raises `UnknownPuzzleError`."""
        return self.shelf.find(puzzle_id, roots)

    def bundle(self, entry: PuzzleEntry) -> Bundle:
        """The puzzle's cases and answers; a mod's are built in the sandbox (`modbundle`)."""
        return self.shelf.bundle(entry)

    def _build_isolated(
        self, job: dict[str, object], folder: Path
    ) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
        """Run a mod puzzle's own code in a sandbox that may read only `folder`."""
        return build_in_sandbox(self._executor("cpu"), job, folder)

    def bounded(self, entry: PuzzleEntry, what: Callable[[Bundle], T]) -> T:
        """`what(bundle)` run on a helper thread with a deadline, since it runs the puzzle's own
        code (which can loop, or hang in DataLoader workers it forks); overrunning raises
        `PuzzleTimeout` instead of hanging the run."""
        box: dict[str, object] = {}

        def target() -> None:
            try:
                box["value"] = what(self.bundle(entry))
            except BaseException as exc:
                box["error"] = exc

        limit = reference_timeout_s(entry.model.limits.time_s)
        helper = threading.Thread(target=target, name="torchenstein-reference", daemon=True)
        helper.start()
        helper.join(limit)
        if helper.is_alive():
            self.tainted = True
            self.shelf.forget(entry)
            raise PuzzleTimeout(
                f"the puzzle `{entry.model.id}` took longer than {limit:g} s to build its "
                "cases and expected answers (its cases.py or reference.py hangs or is "
                "far too slow); this is the puzzle's fault, not your code's"
            )
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]

    # --- one run ---------------------------------------------------------------------------
    def check(
        self,
        entry: PuzzleEntry,
        code: str,
        device: str,
        mode: Mode,
        seed: int | None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        roots: list[Path] | None = None,
        solutions: dict[str, str] | None = None,
    ) -> RunResult:
        """`solutions`: the player's passing answers by puzzle id, for the puzzle's tools."""
        with self.lock:
            started = time.perf_counter()
            model = entry.model
            executor = self._executor(device)
            executor.warm()  # boots in parallel with the static checks and expected outputs
            tools, context = self._toolbox(entry, roots or [], solutions or {})
            problems = check_static(code, model.entry, model.rules, context)
            problems += unused_parameters(code, model.entry, model.signature, model.uses_parameters)
            if problems:
                result = judge_static(model.id, device, mode, code, problems, model.rules)
            else:
                bundle, (cases, used_seed) = self.bounded(
                    entry, lambda b: (b, b.build(mode, seed, code))
                )
                result = self._run(
                    bundle,
                    code,
                    device,
                    mode,
                    cases,
                    roots or [],
                    progress,
                    cancelled or (lambda: False),
                    tools=tools,
                )
                if mode == "submit" and result.verdict in ("fail", "error"):
                    result = self._shrink(
                        entry, code, device, cases, used_seed, result, tools, roots or []
                    )
                if result.verdict != "error" or result.cases:
                    result.reference_metrics = self._reference_metrics(bundle, device, roots or [])
            result.duration_ms = (time.perf_counter() - started) * 1000
            result.metrics.duration_ms = result.duration_ms
            return result

    def _shrink(
        self,
        entry: PuzzleEntry,
        code: str,
        device: str,
        cases: list[PreparedCase],
        seed: int,
        result: RunResult,
        tools: Tools,
        roots: list[Path],
    ) -> RunResult:
        """The run's result plus the smallest failing case shrunk from a failing random one."""
        bundle = self.bundle(entry)
        aim = shrink.target(result, cases) if shrink.can_shrink(bundle) else None
        if aim is None:
            return result
        index, size = aim
        original = result.cases[[i for i, p in enumerate(cases) if p.kind == "hidden"][index]]
        smaller = self.bounded(entry, lambda b: shrink.candidates(b, seed, index, size))
        if not smaller:
            return result
        again = self._run(
            bundle, code, device, "try", smaller, roots, None, lambda: False, tools=tools
        )
        found = shrink.smallest_failure(again, original)
        return shrink.add_shrunk(result, found) if found is not None else result

    def _toolbox(
        self, entry: PuzzleEntry, roots: list[Path], solutions: dict[str, str]
    ) -> tuple[Tools, CodeContext]:
        """The tools this run gets and what the static check should know of them (`runtools`)."""

        def find(puzzle_id: str) -> PuzzleEntry | None:
            try:
                return self.find(puzzle_id, roots) if roots else None
            except UnknownPuzzleError:
                return None

        return gather_tools(entry, solutions, find)

    def case_fingerprints(
        self, entry: PuzzleEntry, seed: int, mode: str = "submit", disturb: int | None = None
    ) -> list[CaseFingerprint]:
        """The fingerprints of the cases one run with `seed` would get, built without running
        any player code or the reference, under the same deadline as the puzzle's own code;
        `disturb` seeds the global RNGs meanwhile (see `casefp`)."""
        with self.lock:
            return self.bounded(entry, lambda b: fingerprint_cases(b, mode, seed, disturb))

    def _reference_metrics(self, bundle: Bundle, device: str, roots: list[Path]) -> Metrics | None:
        key = (bundle.folder, device)
        if key not in self.reference_metrics:
            cases = bundle.fixed("example")
            result = self._run(
                bundle,
                bundle.reference_code,
                device,
                "try",
                cases,
                roots,
                None,
                lambda: False,
                rules=False,
            )
            self.reference_metrics[key] = result.metrics
        return self.reference_metrics[key]

    def _run(
        self,
        bundle: Bundle,
        code: str,
        device: str,
        mode: Mode,
        cases: list[PreparedCase],
        roots: list[Path],
        progress: Progress | None,
        cancelled: Callable[[], bool],
        rules: bool = True,
        tools: Tools | None = None,
    ) -> RunResult:
        limits = run_limits(bundle, device, roots, self.private)
        attempt = Attempt(bundle, code, device, mode, cases, roots, rules, tools or {})
        return run_attempt(self._executor(device), attempt, limits, progress, cancelled)


_RUNNER: Runner | None = None
_RUNNER_PID = 0


def shared_runner() -> Runner:
    """The warm runner of this process (a forked process gets its own)."""
    global _RUNNER, _RUNNER_PID
    if _RUNNER is None or os.getpid() != _RUNNER_PID:
        _RUNNER = Runner()
        _RUNNER_PID = os.getpid()
        atexit.register(_RUNNER.close)
    return _RUNNER


def case_fingerprints(
    puzzle_id: str,
    seed: int,
    *,
    roots: list[Path],
    mode: str = "submit",
    disturb: int | None = None,
) -> list[CaseFingerprint]:
    """`Runner.case_fingerprints` on this process's warm runner, by puzzle id (lint's hook for
    "cases are deterministic for a seed"). Raises `UnknownPuzzleError`, `PuzzleError` or
    `PuzzleTimeout` for broken puzzles."""
    runner = shared_runner()
    return runner.case_fingerprints(runner.find(puzzle_id, roots), seed, mode, disturb)


__all__ = [
    "CaseFingerprint",
    "PuzzleTimeout",
    "Runner",
    "UnknownPuzzleError",
    "case_fingerprints",
    "shared_runner",
]
