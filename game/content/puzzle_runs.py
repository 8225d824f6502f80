"""Lint: run each puzzle's code through the runner (never directly): the reference must pass
(the runner grades it against itself, so this catches crashes, rule breaks and timeouts), the
starter must not, and the cases built twice with one seed must be the same.

Determinism is checked through the runner's case fingerprints (cases built without running any
code but the puzzle's cases.py), the second time with the global RNGs seeded differently, so
cases that draw from the global RNG instead of the generator `g` are caught.

Lint never imports the runner: its caller hands over the one it may use (`RunnerHooks`), so
content stays below the runner (an import-linter contract holds this).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.diagnostics import ContentError, Diagnostic
from game.content.library import ContentLibrary, PuzzleEntry, display_path
from game.content.yaml_source import read_text

LINT_SEED = 20240611
# Two different seeds for the global RNGs, one per build: the same for every puzzle, so lint
# itself stays deterministic.
DISTURB_SEEDS = (1, 2)
CheckCode = Callable[..., Any]
CaseFingerprints = Callable[..., list[Any]]


@dataclass(frozen=True)
class RunnerHooks:
    """What lint uses from the runner: `game.runner.check.check_code` and
    `game.runner.engine.case_fingerprints` (`game.runner.check.runner_hooks()` hands them over),
    or stand-ins with the same signatures."""

    check_code: CheckCode
    case_fingerprints: CaseFingerprints


def _first_difference(first: list[Any], second: list[Any]) -> str:
    """Which case changed, for the message (fingerprints have `source` and `name`)."""
    if len(first) != len(second):
        return f"; the first build made {len(first)} cases, the second {len(second)}"
    for a, b in zip(first, second, strict=True):
        if a != b:
            return f"; first differing case: `{a.name}` from {a.source}()"
    return ""


def _failure_summary(result: Any) -> str:
    bad = next((c for c in result.cases if c.status != "pass"), None)
    detail = f"; first failing case `{bad.name}`: {bad.message}" if bad else ""
    return f"verdict `{result.verdict}`{': ' + result.message if result.message else ''}{detail}"


def _check_one(entry: PuzzleEntry, roots: list[Path], runner: RunnerHooks) -> list[Diagnostic]:
    pid, folder = entry.model.id, entry.folder
    ref_file = display_path(folder / "reference.py")
    starter_file = display_path(folder / "starter.py")
    out: list[Diagnostic] = []
    try:
        reference = read_text(folder / "reference.py", ref_file)
        starter = read_text(folder / "starter.py", starter_file)
    except ContentError as exc:
        return exc.diagnostics

    def run(code: str) -> Any:
        return runner.check_code(
            pid, code, device="cpu", mode="submit", roots=roots, seed=LINT_SEED
        )

    try:
        first = run(reference)
        if first.verdict != "pass":
            summary = _failure_summary(first)
            out.append(
                Diagnostic(
                    file=ref_file,
                    line=1,
                    code="reference-fails",
                    message=f"the reference does not pass: {summary}",
                )
            )
        prints = [
            runner.case_fingerprints(pid, LINT_SEED, roots=roots, disturb=d) for d in DISTURB_SEEDS
        ]
        if prints[0] != prints[1]:
            out.append(
                Diagnostic(
                    file=display_path(folder / "cases.py"),
                    line=1,
                    code="nondeterministic-cases",
                    message="two builds with the same seed made different cases: "
                    "draw every random number from the generator `g` you are given"
                    + _first_difference(*prints),
                )
            )
        if run(starter).verdict == "pass":
            out.append(
                Diagnostic(
                    file=starter_file,
                    line=1,
                    code="starter-passes",
                    message="the starter already passes: leave the player some work",
                )
            )
    except Exception as exc:  # the runner must never take lint down with it
        out.append(
            Diagnostic(
                file=ref_file,
                line=1,
                code="runner-error",
                message=f"the runner failed on this puzzle: {exc}",
            )
        )
    return out


def run_puzzles(
    lib: ContentLibrary,
    puzzle_ids: list[str],
    roots: list[Path],
    runner: RunnerHooks | None,
) -> list[Diagnostic]:
    """Runner checks for the given puzzles (those whose files passed the static checks);
    without a runner (it is not installed) each puzzle gets a warning saying so."""
    if runner is None:
        return [
            Diagnostic(
                file=display_path(lib.puzzles[pid].folder / "reference.py"),
                line=1,
                severity="warning",
                code="runner-missing",
                message="puzzle code was not run: the runner is not installed",
            )
            for pid in puzzle_ids
        ]
    out: list[Diagnostic] = []
    for pid in puzzle_ids:
        out.extend(_check_one(lib.puzzles[pid], roots, runner))
    return out
