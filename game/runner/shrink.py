"""Shrinking a failing random case, as property-based testing tools do: replay the generator
state that made it, ask `random_case(g, size=...)` for smaller cases from that same state, and
keep the smallest one that still fails. A puzzle opts in by giving `random_case` a `size`
parameter (an upper bound on its dimensions); without one, nothing is shrunk.

Trusted side (runs the puzzle's cases.py and reference); imports torch, never pygame.
"""

from __future__ import annotations

import inspect
from typing import Any

import torch

from game.runner.bundle import Bundle, PreparedCase, PuzzleError
from game.runner.casekit import Case
from game.runner.grouping import group_failures
from game.runner.judge import case_size
from game.runner.protocol import CaseResult, RunResult

SIZES = range(1, 9)
_NOT_SHRUNK = {"timeout", "memory", "output_limit", "rule"}


def can_shrink(bundle: Bundle) -> bool:
    fn = getattr(bundle.cases, "random_case", None)
    try:
        return fn is not None and "size" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def target(result: RunResult, cases: list[PreparedCase]) -> tuple[int, int] | None:
    """(index among the hidden cases, size) of the smallest failing random case, if any."""
    hidden = [i for i, p in enumerate(cases) if p.kind == "hidden"]
    failing = [
        (result.cases[i].size or 0, n)
        for n, i in enumerate(hidden)
        if i < len(result.cases)
        and result.cases[i].status in ("fail", "error")
        and result.cases[i].failure_class not in _NOT_SHRUNK
    ]
    if not failing:
        return None
    size, index = min(failing)
    return index, size


def candidates(bundle: Bundle, seed: int, index: int, below: int) -> list[PreparedCase]:
    """Cases from the generator state that made hidden case `index`, at each size in `SIZES`,
    smaller than `below`, smallest first (the same size may repeat a case: dropped)."""
    fn: Any = bundle.cases.random_case
    g = torch.Generator().manual_seed(seed)
    for _ in range(index):
        fn(g)  # replay the draws before it: the run's hidden cases share one generator
    state = g.get_state()
    out: list[PreparedCase] = []
    seen: set[int] = set()
    for size in SIZES:
        replay = torch.Generator()
        replay.set_state(state)
        case = fn(replay, size=size)
        if not isinstance(case, Case):
            raise PuzzleError(f"cases.py of `{bundle.model.id}`: random_case() must give a Case")
        prepared = bundle.prepare("hidden", case)
        n = case_size(prepared)
        if n < below and n not in seen:
            seen.add(n)
            out.append(prepared)
    return sorted(out, key=case_size)


def smallest_failure(shrunk: RunResult, original: CaseResult) -> CaseResult | None:
    """The smallest shrunk case that still fails, marked with the case it came from."""
    failing = [c for c in shrunk.cases if c.status in ("fail", "error")]
    if not failing:
        return None
    best = min(failing, key=lambda c: c.size or 0)
    return best.model_copy(update={"shrunk_from": original.name, "kind": "hidden"})


def add_shrunk(result: RunResult, case: CaseResult) -> RunResult:
    cases = [*result.cases, case]
    return result.model_copy(update={"cases": cases, "groups": group_failures(cases)})
