"""`torchenstein check` and `check_code`, the in-process API used by lint and the puzzle tests.

`check_code` keeps one warm runner per process (zygote, loaded puzzles, reference metrics), so
many calls in a row are fast. It never raises for bad player code; unknown puzzle ids raise
`UnknownPuzzleError`, broken puzzle files `PuzzleError`. Imports torch (via the engine);
never pygame.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from game.content.locate import content_root
from game.content.puzzle_runs import RunnerHooks
from game.runner.bundle import PuzzleError
from game.runner.devices import DeviceUnavailable, resolve_device
from game.runner.engine import UnknownPuzzleError, case_fingerprints, shared_runner
from game.runner.names import unresolved
from game.runner.protocol import Mode, RunResult
from game.runner.report import render

__all__ = ["PuzzleError", "UnknownPuzzleError", "check_code", "cli_check", "runner_hooks"]


def check_code(
    puzzle_id: str,
    code: str,
    *,
    roots: list[Path] | None = None,
    device: str = "auto",
    mode: Mode = "submit",
    seed: int | None = None,
    solutions: dict[str, str] | None = None,
) -> RunResult:
    """Check `code` against a puzzle found in the caller's content `roots` (base game first,
    then mods; by default the base game alone, no mods) and return the verdict with per-case details. `solutions`: passing answers to
    earlier puzzles (by id), offered as the puzzle's tools."""
    runner = shared_runner()
    roots = list(roots) if roots is not None else [content_root()]
    entry = runner.find(puzzle_id, roots)
    try:
        concrete = resolve_device(device, list(entry.model.devices))
    except DeviceUnavailable as exc:
        return RunResult(
            puzzle=puzzle_id,
            device=device,
            mode=mode,
            verdict="error",
            message=str(exc),
        )
    return runner.check(entry, code, concrete, mode, seed, roots=roots, solutions=solutions)


def runner_hooks(private: Sequence[Path] = ()) -> RunnerHooks:
    """What content lint may use to run puzzle code: this in-process runner, with the
    player's `private` folders hidden from every run."""
    shared_runner().keep_private(private)
    return RunnerHooks(check_code, case_fingerprints, PuzzleError, unresolved)


def cli_check(args: argparse.Namespace, roots: list[Path], private: Sequence[Path]) -> int:
    """Exit 0 pass, 1 not passed, 2 usage, unknown puzzle, missing file or missing device.
    Puzzles are looked up in the caller's content `roots`; the run never sees `private`."""
    solution = Path(args.solution)
    try:
        code = solution.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(f"error: no such file: {solution}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {solution}: {exc}", file=sys.stderr)
        return 2
    runner = shared_runner()
    runner.keep_private(private)
    try:
        entry = runner.find(args.puzzle, roots)
        device = resolve_device(args.device, list(entry.model.devices))
        result = runner.check(
            entry, code, device, "try" if args.try_only else "submit", None, roots=roots
        )
    except (UnknownPuzzleError, DeviceUnavailable, PuzzleError) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(render(result, str(solution)))
    return 0 if result.verdict == "pass" else 1
