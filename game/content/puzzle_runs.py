"""Lint: run each puzzle's code through the runner (never directly): the reference must pass
(the runner grades it against itself, so this catches crashes, rule breaks and timeouts), the
starter must not, and two runs with the same seed must build the same cases.

Hidden cases that pass are reported without their data, so determinism is checked with a probe
that returns None: every case fails, and the runner shows each case's inputs and expected output.

This is the only part of `game.content` that touches the runner, and it imports it lazily, so
loading content never imports torch. Must not import pygame, or torch at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.content.diagnostics import ContentError, Diagnostic
from game.content.library import ContentLibrary, PuzzleEntry, display_path
from game.content.yaml_source import read_text

LINT_SEED = 20240611
CheckCode = Callable[..., Any]


def _load_runner() -> CheckCode | None:
    try:
        from game.runner.check import check_code
    except ImportError:
        return None
    return check_code


def probe_code(entry: str) -> str:
    """An answer that is wrong for every case, so the runner reports every case's data."""
    return f"def {entry}(*args, **kwargs):\n    return None\n"


def _case_fingerprint(result: Any) -> list[dict]:
    """What must not change between two runs with one seed: the cases and their data."""
    return [
        c.model_dump(include={"name", "kind", "inputs", "expected"}) for c in result.cases
    ]


def _failure_summary(result: Any) -> str:
    bad = next((c for c in result.cases if c.status != "pass"), None)
    detail = f"; first failing case `{bad.name}`: {bad.message}" if bad else ""
    return f"verdict `{result.verdict}`{': ' + result.message if result.message else ''}{detail}"


def _check_one(
    entry: PuzzleEntry, roots: list[Path], check_code: CheckCode
) -> list[Diagnostic]:
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
        return check_code(pid, code, device="cpu", mode="submit", roots=roots, seed=LINT_SEED)

    try:
        first = run(reference)
        if first.verdict != "pass":
            summary = _failure_summary(first)
            out.append(Diagnostic(file=ref_file, line=1, code="reference-fails",
                                  message=f"the reference does not pass: {summary}"))
        probes = [run(probe_code(entry.model.entry)) for _ in range(2)]
        if _case_fingerprint(probes[0]) != _case_fingerprint(probes[1]):
            out.append(Diagnostic(file=display_path(folder / "cases.py"), line=1,
                                  code="nondeterministic-cases",
                                  message="two runs with the same seed built different cases: "
                                  "draw every random number from the generator `g` you are given"))
        if run(starter).verdict == "pass":
            out.append(Diagnostic(file=starter_file, line=1, code="starter-passes",
                                  message="the starter already passes: leave the player some work"))
    except Exception as exc:  # the runner must never take lint down with it
        out.append(Diagnostic(file=ref_file, line=1, code="runner-error",
                              message=f"the runner failed on this puzzle: {exc}"))
    return out


def run_puzzles(
    lib: ContentLibrary, puzzle_ids: list[str], roots: list[Path],
    check_code: CheckCode | None = None,
) -> list[Diagnostic]:
    """Runner checks for the given puzzles (those whose files passed the static checks)."""
    check_code = check_code or _load_runner()
    if check_code is None:
        return [
            Diagnostic(file=display_path(lib.puzzles[pid].folder / "reference.py"), line=1,
                       severity="warning", code="runner-missing",
                       message="puzzle code was not run: the runner is not installed")
            for pid in puzzle_ids
        ]
    out: list[Diagnostic] = []
    for pid in puzzle_ids:
        out.extend(_check_one(lib.puzzles[pid], roots, check_code))
    return out
