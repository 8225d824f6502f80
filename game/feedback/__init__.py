"""Feedback on a run, with no pygame and no torch: classify failures, voice the Professor's
reaction with a specific next step, and keep solution scores and goals."""

from game.feedback.classify import classify, failing_cases, primary_case, tally
from game.feedback.professor import Reaction, react
from game.feedback.scores import (
    GoalStatus,
    ScoreRow,
    evaluate_goals,
    metric_values,
    record_pass,
    reference_metrics,
    score_rows,
)

__all__ = [
    "GoalStatus",
    "Reaction",
    "ScoreRow",
    "classify",
    "evaluate_goals",
    "failing_cases",
    "metric_values",
    "primary_case",
    "react",
    "record_pass",
    "reference_metrics",
    "score_rows",
    "tally",
]
