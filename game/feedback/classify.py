"""Which failure a RunResult shows, and which case best illustrates it.

The runner labels failing cases with a `failure_class`; run-level verdicts (timeout, memory,
output limit, rule violation, a syntax error or a missing entry function before any case ran)
may come without a case, so the class is then derived from the verdict and message.
PURE: must not import pygame or torch.
"""

from __future__ import annotations

import re

from game.runner.protocol import FAILURE_PRIORITY, CaseResult, FailureClass, RunResult

_BY_VERDICT: dict[str, FailureClass] = {
    "timeout": "timeout",
    "memory": "memory",
    "output_limit": "output_limit",
    "rule_violation": "rule",
}

# Checked in order: the first pattern found in an `error` run's message/traceback wins.
_ERROR_PATTERNS: list[tuple[re.Pattern[str], FailureClass]] = [
    (re.compile(r"SyntaxError|IndentationError|TabError|invalid syntax", re.I), "syntax"),
    (
        re.compile(
            r"missing (entry )?function|no function named|does not define|is not defined "
            r"in your code|entry function",
            re.I,
        ),
        "missing_function",
    ),
    (re.compile(r"modified (its |the |an )?input|in[- ]place.*input|tamper", re.I), "tampering"),
    (re.compile(r"out of memory|MemoryError", re.I), "memory"),
]

_KIND_ORDER = {"example": 0, "edge": 1, "hidden": 2}


def case_class(case: CaseResult) -> FailureClass | None:
    """The class of a failing case; an `error` case without one is an exception."""
    if case.status in ("pass", "skipped"):
        return None
    if case.failure_class is not None:
        return case.failure_class
    return "exception" if case.status == "error" else "values"


def _class_from_text(text: str) -> FailureClass | None:
    for pattern, cls in _ERROR_PATTERNS:
        if pattern.search(text):
            return cls
    return None


def failing_cases(result: RunResult) -> list[CaseResult]:
    return [c for c in result.cases if case_class(c) is not None]


def primary_case(result: RunResult) -> CaseResult | None:
    """The failing case to show first: the most instructive class, then the smallest case
    (a shrunk random case beats the big one it came from), then visible examples first."""
    failing = failing_cases(result)
    if not failing:
        return None

    def rank(case: CaseResult) -> tuple[int, int, int]:
        cls = case_class(case)
        order = FAILURE_PRIORITY.index(cls) if cls in FAILURE_PRIORITY else len(FAILURE_PRIORITY)
        size = case.size if case.size is not None else 1 << 62
        return order, size, _KIND_ORDER.get(case.kind, 3)

    return min(failing, key=rank)


def classify(result: RunResult) -> FailureClass | None:
    """The failure class of a run, or None when it passed."""
    if result.verdict == "pass":
        return None
    if result.verdict in _BY_VERDICT:
        return _BY_VERDICT[result.verdict]
    case = primary_case(result)
    if case is not None:
        cls = case_class(case)
        if cls == "exception":
            return _class_from_text(case.message + "\n" + (case.traceback or "")) or cls
        return cls
    if result.verdict == "error":
        return _class_from_text(result.message) or "exception"
    return "values"


def tally(result: RunResult) -> tuple[int, int]:
    """(passed, counted) over cases that ran; skipped cases are not counted."""
    counted = [c for c in result.cases if c.status != "skipped"]
    return sum(c.status == "pass" for c in counted), len(counted)


def grouped_cases(result: RunResult) -> list[CaseResult]:
    """The cases in the order to show them: failures by group (most instructive kind first,
    smallest case first within each), then the cases that passed or never ran."""
    order = [i for group in result.groups for i in group.cases if i < len(result.cases)]
    seen = set(order)
    rest = [i for i in range(len(result.cases)) if i not in seen]
    return [result.cases[i] for i in order + rest]
