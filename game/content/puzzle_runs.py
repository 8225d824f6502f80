"""Lint: run each puzzle's code through the runner (never directly): the reference must pass
(the runner grades it against itself, so this catches crashes, rule breaks and timeouts), the
starter must not, and the cases built twice with one seed must be the same.

Determinism is checked through the runner's case fingerprints (cases built without running any
code but the puzzle's cases.py), the second time with the global RNGs seeded differently, so
cases that draw from the global RNG instead of the generator `g` are caught.

This is the only part of `game.content` that touches the runner, and it imports it lazily, so
loading content never imports torch. Must not import pygame, or torch at module level.
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
    `game.runner.engine.case_fingerprints` (or stand-ins with the same signatures)."""

    check_code: CheckCode
    case_fingerprints: CaseFingerprints
    unresolved_names: Callable[[list[str]], list[tuple[str, str | None]]] | None = None


def _load_runner() -> RunnerHooks | None:
    try:
        from game.runner.check import check_code
        from game.runner.engine import case_fingerprints
        from game.runner.names import unresolved
    except ImportError:
        return None
    return RunnerHooks(check_code, case_fingerprints, unresolved)


def _first_difference(first: list[Any], second: list[Any]) -> str:
    """Which case changed, for the message (fingerprints have `source` and `name`)."""
    if len(first) != len(second):
        return f"; the first build made {len(first)} cases, the second {len(second)}"
    for a, b in zip(first, second):
        if a != b:
            return f"; first differing case: `{a.name}` from {a.source}()"
    return ""


def _failure_summary(result: Any) -> str:
    bad = next((c for c in result.cases if c.status != "pass"), None)
    detail = f"; first failing case `{bad.name}`: {bad.message}" if bad else ""
    return f"verdict `{result.verdict}`{': ' + result.message if result.message else ''}{detail}"


def _rule_names(entry: PuzzleEntry, runner: RunnerHooks) -> list[Diagnostic]:
    """Every dotted name in `forbidden` and `allow` must reach a real object."""
    if runner.unresolved_names is None:
        return []
    rules = entry.model.rules
    names = [*rules.forbidden, *(n for n in rules.allow or [] if "." in n)]
    out = []
    for name, suggestion in runner.unresolved_names(names):
        hint = f"; did you mean `{suggestion}`?" if suggestion else ""
        out.append(
            Diagnostic(
                file=display_path(entry.folder / "puzzle.yaml"),
                line=1,
                code="unknown-rule-name",
                message=f"`{name}` in the rules reaches nothing in torch, so it refuses or "
                f"allows nothing{hint}",
            )
        )
    return out


def _unreachable_goals(entry: PuzzleEntry, result: Any, ref_file: str) -> list[Diagnostic]:
    """A goal the reference does not meet is a goal no one is known to reach."""
    if result.verdict != "pass":
        return []
    scores = result.metrics.model_dump()
    out = []
    for goal in entry.model.goals:
        value = scores.get(goal.metric)
        if value is not None and value > goal.max:
            out.append(
                Diagnostic(
                    file=ref_file,
                    line=1,
                    severity="warning",
                    code="goal-unreachable",
                    message=f"the reference does not reach goal `{goal.id}` ({goal.metric} "
                    f"{value:g} > {goal.max:g}): show it can be done, or loosen it",
                )
            )
    return out


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

    out += _rule_names(entry, runner)
    try:
        first = run(reference)
        out += _unreachable_goals(entry, first, ref_file)
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
    runner: RunnerHooks | None = None,
) -> list[Diagnostic]:
    """Runner checks for the given puzzles (those whose files passed the static checks)."""
    runner = runner or _load_runner()
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
