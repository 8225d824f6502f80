"""What one run means for a puzzle's progress: a Submit counts as an attempt, a passing
Submit's scores fold into the bests and its code is kept (the first and the best solution).

`record_run` is the rule; `RunOutcome` is what it decided, for the results panel to present
(the bests before the run, each goal met or not, the attempt count that varies the
Professor's words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.content.puzzle_models import Goal
from game.feedback.scores import (
    GoalStatus,
    counts_for_scores,
    evaluate_goals,
    metric_values,
    record_pass,
    record_solve,
)
from game.runner.protocol import RunResult
from game.story.state import PuzzleProgress


@dataclass(frozen=True)
class RunOutcome:
    """A run as the session recorded it. Built bare (`RunOutcome(result)`) for a run that
    records nothing, such as a preview."""

    result: RunResult
    previous_best: dict[str, float] = field(default_factory=dict)
    goals: list[GoalStatus] = field(default_factory=list)  # empty when the run is not scored
    attempts: int = 0  # Submits so far, this one included
    solved: bool = False  # a passing Submit
    new_best_solution: bool = False  # it replaced a kept solution as the best on balance
    story_moved: bool = False  # passing opened the gate and the story went on


def record_run(
    progress: PuzzleProgress,
    result: RunResult,
    goals: Sequence[Goal],
    code: str | None = None,
    hints_total: int = 0,
) -> RunOutcome:
    """Fold `result` into `progress` (see the module docstring); `code` is the code that ran,
    `hints_total` how many hints the puzzle has (for the record of how it was solved)."""
    if result.mode == "submit":
        progress.attempts += 1
    kept = progress.best_solution
    previous = record_pass(progress, result, code)
    record_solve(progress, result, list(goals), hints_total)
    scored = counts_for_scores(result)
    return RunOutcome(
        result=result,
        previous_best=previous,
        goals=evaluate_goals(goals, metric_values(result.metrics)) if scored else [],
        attempts=progress.attempts,
        solved=scored,
        new_best_solution=kept is not None and progress.best_solution != kept,
    )
