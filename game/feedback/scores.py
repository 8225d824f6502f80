"""Solution scores, Zachtronics-style: a passing submission's metrics, the player's best per
metric (kept in `PuzzleProgress.best`), the reference solution's figures, and the puzzle's
optional goals ("three ops or fewer"). Lower is better for every metric.

PURE: must not import pygame or torch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.content.puzzle_models import Goal
from game.feedback.numbers import METRIC_LABELS, fmt_metric
from game.runner.protocol import Metrics, RunResult
from game.story.state import PuzzleProgress, SolveRecord

# Display order: what the player controls most directly first.
SCORE_METRICS: tuple[str, ...] = ("code_lines", "code_chars", "ops", "peak_memory_bytes", "time_ms")
# What ranks whole solutions: code size once (characters; lines would count it twice) and
# no time, which varies from run to run on the same code.
RANKED_METRICS: tuple[str, ...] = ("code_chars", "ops", "peak_memory_bytes")


def metric_values(metrics: Metrics | None) -> dict[str, float]:
    """The measured scores of a run. Code size 0 means "not measured" (no passing code is empty)."""
    if metrics is None:
        return {}
    values: dict[str, float] = {}
    for name in SCORE_METRICS:
        value = getattr(metrics, name)
        if value is None or (name.startswith("code_") and value <= 0):
            continue
        values[name] = float(value)
    return values


def counts_for_scores(result: RunResult) -> bool:
    """Only a passing Submit is scored: Try runs the examples alone, so its figures differ."""
    return result.verdict == "pass" and result.mode == "submit"


def better_on_balance(new: Mapping[str, float], old: Mapping[str, float]) -> bool:
    """Whether scores `new` beat `old` overall: the product of their ratios over the ranked
    metrics both have is below one (halving the ops outweighs a few more characters; a tie
    is not better). Measured scores beat none at all."""
    shared = [m for m in RANKED_METRICS if m in new and m in old]
    if not shared:
        return any(m in new for m in RANKED_METRICS) and not any(m in old for m in RANKED_METRICS)
    return sum(math.log((new[m] + 1) / (old[m] + 1)) for m in shared) < -1e-9


def record_pass(
    progress: PuzzleProgress, result: RunResult, code: str | None = None
) -> dict[str, float]:
    """Fold a scored run into `progress.best`; with `code`, keep it as the first solution if
    none is kept yet and as the best solution if it beats the kept one on balance. Returns the
    best *before* this run. Idempotent: recording a run twice changes nothing.
    """
    previous = dict(progress.best)
    if not counts_for_scores(result):
        return previous
    values = metric_values(result.metrics)
    if code is not None:
        if progress.solution is None:
            progress.solution = code
        if progress.best_solution is None or better_on_balance(
            values, progress.best_solution_scores
        ):
            progress.best_solution, progress.best_solution_scores = code, dict(values)
    for name, value in values.items():
        old = progress.best.get(name)
        if old is None or value < old:
            progress.best[name] = value
    return previous


def record_solve(
    progress: PuzzleProgress, result: RunResult, goals: list[Goal], hints_total: int
) -> SolveRecord | None:
    """Note how a scored run solved the puzzle: the hints and Submits it took (at the first
    pass only), the goals it met and whether it beat the reference's scores (widened by every
    later pass). Call after the Submit is counted in `progress.attempts`. Idempotent."""
    if not counts_for_scores(result):
        return progress.solve
    if progress.solve is None:
        progress.solve = SolveRecord(
            hints=progress.hints_used, hints_total=hints_total, submits=max(progress.attempts, 1)
        )
    values = metric_values(result.metrics)
    record = progress.solve
    for status in evaluate_goals(goals, values):
        if status.met and status.goal.id not in record.goals_met:
            record.goals_met.append(status.goal.id)
    reference = metric_values(reference_metrics(result))
    if reference and better_on_balance(values, reference):
        record.beat_reference = True
    return record


def reference_metrics(result: RunResult) -> Metrics | None:
    """The reference solution's figures for the same cases, when the runner measured them
    (only a passing Submit is compared with them)."""
    return result.reference_metrics if counts_for_scores(result) else None


@dataclass(frozen=True)
class ScoreRow:
    """One metric as the results panel draws it: this run against the reference solution and
    the player's best before this run."""

    metric: str
    value: float
    reference: float | None
    previous_best: float | None

    @property
    def new_best(self) -> bool:
        return self.previous_best is not None and self.value < self.previous_best

    @property
    def label(self) -> str:
        return METRIC_LABELS.get(self.metric, self.metric)

    @property
    def beats_reference(self) -> bool | None:
        return None if self.reference is None else self.value <= self.reference

    def describe(self) -> str:
        bits = [f"{self.label}: {fmt_metric(self.metric, self.value)}"]
        if self.reference is not None:
            bits.append(f"reference {fmt_metric(self.metric, self.reference)}")
        if self.previous_best is not None:
            bits.append(f"best before {fmt_metric(self.metric, self.previous_best)}")
        if self.new_best:
            bits.append("NEW BEST")
        return ", ".join(bits)


def score_rows(
    metrics: Metrics, reference: Metrics | None, previous_best: Mapping[str, float]
) -> list[ScoreRow]:
    mine, ref = metric_values(metrics), metric_values(reference)
    return [
        ScoreRow(name, mine[name], ref.get(name), previous_best.get(name))
        for name in SCORE_METRICS
        if name in mine
    ]


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    value: float | None
    met: bool | None  # None: the metric was not measured on this device

    def describe(self) -> str:
        mark = {True: "met", False: "not yet", None: "not measured"}[self.met]
        figure = (
            f" ({fmt_metric(self.goal.metric, self.value)}, at most "
            f"{fmt_metric(self.goal.metric, self.goal.max)})"
            if self.value is not None
            else ""
        )
        return f"{self.goal.text}: {mark}{figure}"


def evaluate_goals(goals: Sequence[Goal], values: Mapping[str, float]) -> list[GoalStatus]:
    """Check each goal against scores (a run's `metric_values`, or a progress's `best`)."""
    statuses = []
    for goal in goals:
        value = values.get(goal.metric)
        statuses.append(GoalStatus(goal, value, None if value is None else value <= goal.max))
    return statuses
