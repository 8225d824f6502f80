"""The trusted runner: from (puzzle, code, device, mode) to a `RunResult`.

It checks the code statically, builds the cases and expected outputs (`bundle`), writes the job
folder (`jobspec`: inputs as safetensors, no expected values, no seeds), runs it in a warm
sandbox (`executor`'s zygote or a `spare` worker), then judges what came back (`judge`). One `Runner` per process keeps the zygote,
the spare workers, loaded puzzles and the reference's metrics warm.
Imports torch; never pygame.
"""

from __future__ import annotations

import atexit
import math
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import torch
from safetensors.torch import load as safetensors_load

from game.content.library import PuzzleEntry, load_library
from game.content.puzzle_models import Puzzle
from game.content.static_rules import CodeContext
from game.content.static_rules import check_code as check_static
from game.content.toolbox import defined_names
from game.runner import safeio, shrink, transfer
from game.runner.bundle import Bundle, PreparedCase, PuzzleError
from game.runner.casefp import CaseFingerprint, fingerprint_cases
from game.runner.casewatch import CaseWatch
from game.runner.executor import ZygoteExecutor, supervise
from game.runner.jobdir import make_job_dir
from game.runner.jobspec import run_limits, write_job
from game.runner.judge import judge, judge_static
from game.runner.limits import MB, SandboxLimits
from game.runner.modbundle import (
    MAX_BUILD_JSON,
    MAX_BUILD_TENSORS,
    IsolatedBundle,
    is_mod_puzzle,
)
from game.runner.protocol import Metrics, Mode, RunResult
from game.runner.spare import SpareExecutor
from game.runner.tracing import tensor_members
from game.runner.usage import unused_parameters
from game.runner.workerio import Exit

Progress = Callable[[int, int], None]
T = TypeVar("T")


class PuzzleTimeout(PuzzleError):
    """The puzzle's own code (cases.py, reference.py, support.py) did not finish in time."""


def reference_timeout_s(time_s: float) -> float:
    """How long a puzzle's trusted code may take to build one run's cases and expected outputs
    (many cases, fp64 gradients, DataLoader workers); `TORCHENSTEIN_REFERENCE_TIMEOUT_S` overrides."""
    forced = os.environ.get("TORCHENSTEIN_REFERENCE_TIMEOUT_S", "")
    try:
        return max(0.1, float(forced))
    except ValueError:
        return max(30.0, 10.0 * time_s)


class UnknownPuzzleError(LookupError):
    """No puzzle with that id in the loaded content roots."""


def fork_available() -> bool:
    forced = os.environ.get("TORCHENSTEIN_SANDBOX", "")
    if forced == "spare":
        return False
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _yaml_stamp(entry: PuzzleEntry) -> float:
    try:
        return (entry.folder / "puzzle.yaml").stat().st_mtime
    except OSError:
        return 0.0


class Runner:
    def __init__(self) -> None:
        if sys.platform.startswith("linux"):  # no same-user process may read this one's memory
            from game.runner import syscalls

            syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
        self.lock = threading.Lock()
        self.zygote = ZygoteExecutor() if fork_available() else None
        self.spares: dict[str, SpareExecutor] = {}
        self.libraries: dict[tuple[Path, ...], dict[str, PuzzleEntry]] = {}
        self.bundles: dict[Path, Bundle] = {}
        self.reference_metrics: dict[tuple[Path, str], Metrics] = {}
        self.yaml_stamps: dict[Path, float] = {}
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
        key = tuple(roots)
        entries = self.libraries.get(key)
        if (
            entries is None
            or puzzle_id not in entries
            or self.yaml_stamps.get(entries[puzzle_id].folder) != _yaml_stamp(entries[puzzle_id])
        ):
            entries = load_library(list(roots)).puzzles
            self.libraries[key] = entries
            self.yaml_stamps.update({e.folder: _yaml_stamp(e) for e in entries.values()})
        if puzzle_id not in entries:
            known = ", ".join(sorted(entries)) or "none"
            raise UnknownPuzzleError(f"no puzzle `{puzzle_id}` (known puzzles: {known})")
        return entries[puzzle_id]

    def bundle(self, entry: PuzzleEntry) -> Bundle:
        """The puzzle's cases and answers; a mod's are built in the sandbox (`modbundle`)."""
        cached = self.bundles.get(entry.folder)
        if cached is None or not cached.fresh() or cached.model != entry.model:
            if is_mod_puzzle(entry):
                cached = IsolatedBundle(entry, self._build_isolated)  # type: ignore[assignment]
            else:
                cached = Bundle(entry)
            self.bundles[entry.folder] = cached  # type: ignore[assignment]
        return cached  # type: ignore[return-value]

    def _build_isolated(
        self, job: dict[str, object], folder: Path
    ) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
        """Run a mod puzzle's own code in a sandbox that may read only `folder`."""
        model = Puzzle.model_validate(job["model"])
        lim = model.limits
        limits = SandboxLimits(
            wall_s=reference_timeout_s(lim.time_s),
            cpu_s=math.ceil(reference_timeout_s(lim.time_s)) + 2,
            memory_bytes=lim.memory_mb * MB,
            file_bytes=MAX_BUILD_TENSORS,
            processes=lim.processes,
            protect_pids=(os.getpid(),),
        )
        job_dir = make_job_dir("torchenstein-build-")
        out = job_dir / "out"
        try:
            transfer.write_json(job_dir / "in" / "job.json", job)
            (job_dir / "in" / "job.json").chmod(0o644)
            executor = self._executor("cpu")
            run = executor.launch(job_dir, limits, 0, puzzle=folder.resolve())
            ended = supervise(run, limits, lambda: False, lambda: None)
            run.settle()
            if ended.reason == "timeout":
                raise PuzzleTimeout(
                    f"the mod puzzle `{model.id}` took longer than {limits.wall_s:g} s to build "
                    "its cases and expected answers; this is the puzzle's fault, not your code's"
                )
            try:
                doc = safeio.read_json(str(out / "build.json"), MAX_BUILD_JSON)
                data = safeio.read_bytes(str(out / "build.safetensors"), MAX_BUILD_TENSORS)
                tensors = safetensors_load(data)
            except (OSError, ValueError) as exc:
                why = ended.reason or (f"signal {ended.signal}" if ended.signal else "no answer")
                raise PuzzleError(
                    f"the mod puzzle `{model.id}` could not build its cases in the sandbox "
                    f"({why}: {exc})"
                ) from exc
            if not isinstance(doc, dict):
                raise PuzzleError(f"the mod puzzle `{model.id}` sent back no cases")
            return doc, tensors
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)

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
            self.bundles.pop(entry.folder, None)
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
        tools: dict[str, dict[str, str]],
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
    ) -> tuple[dict[str, dict[str, str]], CodeContext]:
        """The tools this run gets (the player's passing answers, each re-checked against the
        rules of the puzzle it answered, or the reference where it may stand in) and what the
        static check should know about the toolbox."""
        tools: dict[str, dict[str, str]] = {}
        missing: dict[str, str | None] = {}
        for tool in entry.model.tools:
            try:
                earlier = self.find(tool.puzzle, roots) if roots else None
            except UnknownPuzzleError:
                earlier = None
            if earlier is None:
                continue
            name = earlier.model.entry
            code = solutions.get(tool.puzzle)
            if code is not None and check_static(code, name, earlier.model.rules):
                code = None  # not an answer that obeys its own puzzle's rules
            if code is None and tool.reference_stands_in:
                code = (earlier.folder / "reference.py").read_text(encoding="utf-8")
            if code is None:
                missing[name] = (
                    f"`{name}` is your answer to '{earlier.model.title}': solve that puzzle "
                    "first, and it joins your toolbox"
                )
                continue
            tools[name] = {"puzzle": tool.puzzle, "entry": name, "code": code}
            missing[name] = None
        support = entry.support_path
        context = CodeContext(
            support_names=frozenset(defined_names(support.read_text(encoding="utf-8")))
            if support is not None
            else None,
            tools=missing,
            tensor_members=tensor_members(),
        )
        return tools, context

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
        tools: dict[str, dict[str, str]] | None = None,
    ) -> RunResult:
        limits = run_limits(bundle, device, roots, self.private)
        executor = self._executor(device)
        job_dir = None
        if isinstance(executor, ZygoteExecutor):
            job_dir = executor.take_job_dir(limits)  # a standby's walls already stand there
        job_dir = job_dir or make_job_dir()
        out = job_dir / "out"
        try:
            write_job(job_dir / "in", bundle, code, device, cases, roots, rules, tools or {})
            for written in (job_dir / "in").rglob("*"):
                written.chmod(0o755 if written.is_dir() else 0o644)  # the run's uid reads them
            watch = CaseWatch(bundle, cases, out, device)
            told = [0]

            def tick() -> None:
                judged = watch.ahead()
                while progress is not None and told[0] < judged:
                    told[0] += 1
                    progress(told[0], len(cases))

            try:
                run = executor.launch(job_dir, limits, len(cases))
            except RuntimeError as exc:
                ended = Exit(None, None, "lost")
                return judge(bundle, code, device, mode, cases, out, ended, str(exc))
            ended = supervise(run, limits, cancelled, tick)
            if isinstance(executor, SpareExecutor):
                executor.warm()  # the next spare boots while we judge
            try:
                return judge(bundle, code, device, mode, cases, out, ended, None, watch)
            finally:
                run.settle()
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)


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
