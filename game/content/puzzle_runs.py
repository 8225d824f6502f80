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

import ast
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.diagnostics import ContentError, Diagnostic, display_path
from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry
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
    puzzle_error: type[BaseException] | None = None
    """The exception the runner raises when the puzzle's own code fails (not the runner)."""
    unresolved_names: Callable[[list[str]], list[tuple[str, str | None]]] | None = None
    """Which dotted rule names reach nothing in torch (with a did-you-mean), if the runner can
    tell."""

    def is_puzzle_error(self, exc: BaseException) -> bool:
        return self.puzzle_error is not None and isinstance(exc, self.puzzle_error)


def _first_difference(first: list[Any], second: list[Any]) -> str:
    """Which case changed, for the message (fingerprints have `source` and `name`)."""
    if len(first) != len(second):
        return f"; the first build made {len(first)} cases, the second {len(second)}"
    for a, b in zip(first, second, strict=True):
        if a != b:
            return f"; first differing case: `{a.name}` from {a.source}()"
    return ""


PUZZLE_CODE = ("cases.py", "reference.py", "support.py")


def blame(exc: BaseException, folder: Path) -> tuple[Path, int] | None:
    """The innermost line of the puzzle's own code (`cases.py`, `reference.py`, `support.py`)
    in the traceback of `exc` or the errors that caused it: that is the line the author must
    fix, whatever runner frames wrapped it."""
    folder = folder.resolve()
    where = getattr(exc, "where", None)  # a sandboxed build names the place itself
    if where is not None and where[0] in PUZZLE_CODE:
        return folder / where[0], int(where[1])
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for error in reversed(chain):  # the root cause first: its frames are the deepest
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            path = Path(frame.filename)
            if path.name in PUZZLE_CODE and path.parent.resolve() == folder and frame.lineno:
                return path, frame.lineno
        if isinstance(error, SyntaxError) and error.filename and error.lineno:
            path = Path(error.filename)
            if path.name in PUZZLE_CODE and path.parent.resolve() == folder:
                return path, error.lineno
    return None


def _def_line(path: Path, name: str) -> int:
    """The line of `def name` in `path` (1 when it cannot be found)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return 1
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node.lineno
    return 1


def _puzzle_code_failed(exc: Exception, folder: Path) -> Diagnostic:
    """The puzzle's own code raised (the runner's `PuzzleError`): a `cases.py` failure is
    `cases-fail`, anything else (the reference, `support.py`, a timeout) `reference-fails`,
    placed on the traceback's line in the puzzle's file."""
    message = str(exc.args[0] if exc.args else exc)
    code = "cases-fail" if message.startswith("cases.py") else "reference-fails"
    where = blame(exc, folder)
    if where is None:
        path = folder / ("cases.py" if code == "cases-fail" else "reference.py")
        where = (path, 1)
    return Diagnostic(file=display_path(where[0]), line=where[1], code=code, message=message)


def _failure_line(result: Any) -> int:
    """The reference's line a failed run points at (a crash, a rule), or 1."""
    bad = next((c for c in result.cases if c.status != "pass" and c.line), None)
    return result.line or (bad.line if bad else None) or 1


# A goal the reference misses by more than this factor is out of any player's reach; a near
# miss is left alone, since the reference need not be the tightest solution.
UNREACHABLE_FACTOR = 2.0
# Machine-dependent: a slow lint machine must not call a timing goal unreachable.
_NOISY_METRICS = {"time_ms"}


def _unreachable_goals(entry: PuzzleEntry, result: Any, doc: Any) -> list[Diagnostic]:
    """Warn about goals whose `max` is far below the reference's own score."""
    out = []
    for i, goal in enumerate(entry.model.goals):
        score = getattr(result.metrics, goal.metric, None)
        if goal.metric in _NOISY_METRICS or score is None:
            continue
        if score > max(goal.max * UNREACHABLE_FACTOR, goal.max + 1):
            out.append(
                Diagnostic(
                    file=doc.file if doc else display_path(entry.folder / "puzzle.yaml"),
                    line=doc.line_of(("goals", i, "max")) if doc else 1,
                    severity="warning",
                    code="goal-unreachable",
                    message=f"goal `{goal.id}` asks for {goal.metric} <= {goal.max:g}, but "
                    f"the reference scores {score:g}: players will hardly get there; raise "
                    "`max` or tighten the reference",
                )
            )
    return out


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


def _check_one(
    entry: PuzzleEntry, roots: list[Path], runner: RunnerHooks, doc: Any = None
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
        return runner.check_code(
            pid, code, device="cpu", mode="submit", roots=roots, seed=LINT_SEED
        )

    out += _rule_names(entry, runner)
    try:
        first = run(reference)
        if first.verdict != "pass":
            summary = _failure_summary(first)
            out.append(
                Diagnostic(
                    file=ref_file,
                    line=_failure_line(first),
                    code="reference-fails",
                    message=f"the reference does not pass: {summary}",
                )
            )
        else:
            out += _unreachable_goals(entry, first, doc)
        prints = [
            runner.case_fingerprints(pid, LINT_SEED, roots=roots, disturb=d) for d in DISTURB_SEEDS
        ]
        if prints[0] != prints[1]:
            out.append(
                Diagnostic(
                    file=display_path(folder / "cases.py"),
                    line=_def_line(folder / "cases.py", "random_case"),
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
                    line=_def_line(folder / "starter.py", entry.model.entry),
                    code="starter-passes",
                    message="the starter already passes: leave the player some work",
                )
            )
    except Exception as exc:  # the runner must never take lint down with it
        if runner.is_puzzle_error(exc):
            out.append(_puzzle_code_failed(exc, folder))
            return out
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
        out.extend(_check_one(lib.puzzles[pid], roots, runner, lib.puzzle_docs.get(pid)))
    return out
