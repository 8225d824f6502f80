"""Scores (best per metric, reference, goals) and the cell comparison behind mismatch marks."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from game.content.puzzle_models import Goal
from game.feedback import evaluate_goals, metric_values, record_pass, reference_metrics, score_rows
from game.feedback.compare import compare_previews, value_pattern
from game.feedback.samples import sample_runs, tensor
from game.runner.protocol import Metrics, RunResult
from game.story.state import PuzzleProgress


def _pass(ops: int, lines: int, mode: str = "submit") -> RunResult:
    return RunResult(
        puzzle="p",
        device="cpu",
        verdict="pass",
        mode=mode,  # type: ignore[arg-type]
        metrics=Metrics(ops=ops, code_lines=lines, code_chars=lines * 20),
    )


def test_record_pass_keeps_the_best_of_each_metric() -> None:
    progress = PuzzleProgress()
    assert record_pass(progress, _pass(5, 8), code="first") == {}
    assert progress.best == {"ops": 5.0, "code_lines": 8.0, "code_chars": 160.0}
    assert progress.solution == "first"
    previous = record_pass(progress, _pass(3, 10), code="second")
    assert previous["ops"] == 5.0
    assert progress.best["ops"] == 3.0 and progress.best["code_lines"] == 8.0
    assert progress.solution == "first"  # the field keeps the first passing run
    record_pass(progress, _pass(3, 10))
    assert progress.best["ops"] == 3.0  # idempotent


def test_the_best_solution_is_kept_beside_the_first() -> None:
    progress = PuzzleProgress()
    record_pass(progress, _pass(5, 8))  # the results panel folds the scores in first...
    record_pass(progress, _pass(5, 8), code="first")  # ...then the terminal adds the code
    assert progress.best_solution == progress.solution == "first"
    record_pass(progress, _pass(9, 6), code="shorter but slower")
    assert progress.best_solution == "first"  # 80% more ops outweigh two lines fewer
    record_pass(progress, _pass(2, 8), code="fewer ops")
    assert progress.best_solution == "fewer ops" and progress.solution == "first"
    assert progress.best_solution_scores["ops"] == 2.0
    record_pass(progress, _pass(2, 8), code="the same again")
    assert progress.best_solution == "fewer ops"  # a tie keeps the one already kept


def test_an_older_save_gets_its_first_solution_as_the_best() -> None:
    from game.story.state import GameState

    state = GameState.model_validate(
        {
            "scene": "s",
            "node": "n",
            "puzzles": {
                "p": {"solved": True, "solution": "old", "best": {"ops": 4.0, "code_chars": 60.0}}
            },
        }
    )
    progress = state.puzzles["p"]
    assert progress.best_solution == "old"
    assert progress.best_solution_scores == {"ops": 4.0, "code_chars": 60.0}
    record_pass(progress, _pass(4, 3), code="as good")
    assert progress.best_solution == "old"
    record_pass(progress, _pass(3, 3), code="better")
    assert progress.best_solution == "better"
    again = GameState.model_validate(state.model_dump(mode="json"))
    assert again.puzzles["p"].best_solution == "better"
    assert again.puzzles["p"].solution == "old"
    unscored = PuzzleProgress(solved=True, solution="before scores")
    record_pass(unscored, _pass(7, 7), code="scored")
    assert unscored.best_solution == "scored"


def test_failures_and_try_runs_are_not_scored() -> None:
    progress = PuzzleProgress()
    record_pass(progress, _pass(1, 1, mode="try"))
    record_pass(progress, sample_runs()["shape"])
    assert progress.best == {}


def test_score_rows_compare_with_reference_and_previous_best() -> None:
    result = RunResult(
        puzzle="p",
        device="cpu",
        verdict="pass",
        metrics=Metrics(ops=4, code_lines=6, time_ms=0.5),
        reference_metrics=Metrics(ops=3, code_lines=4),
    )
    reference = reference_metrics(result)
    assert reference is not None and reference.ops == 3
    rows = {r.metric: r for r in score_rows(result.metrics, reference, {"ops": 6.0})}
    assert set(rows) == {"ops", "code_lines", "time_ms"}
    assert rows["ops"].new_best and rows["ops"].beats_reference is False
    assert "reference 3 ops" in rows["ops"].describe()
    assert rows["time_ms"].reference is None and not rows["time_ms"].new_best
    assert reference_metrics(sample_runs()["pass_try"]) is None
    assert reference_metrics(sample_runs()["shape"]) is None


def test_goals_met_unmet_and_unmeasured() -> None:
    goals = [
        Goal(id="a", text="Three ops", metric="ops", max=3),
        Goal(id="b", text="Fast", metric="time_ms", max=1),
        Goal(id="c", text="Short", metric="code_lines", max=5),
    ]
    statuses = evaluate_goals(goals, metric_values(Metrics(ops=3, code_lines=9)))
    assert [s.met for s in statuses] == [True, None, False]
    assert "not yet" in statuses[2].describe() and "9 lines" in statuses[2].describe()


def test_code_size_zero_means_not_measured() -> None:
    assert "code_lines" not in metric_values(Metrics())


finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)


@given(
    st.lists(st.lists(finite, min_size=1, max_size=5), min_size=1, max_size=5).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    st.data(),
)
def test_comparison_marks_exactly_the_changed_cell(
    rows: list[list[float]], data: st.DataObject
) -> None:
    same = compare_previews(tensor(rows).tensor, tensor(rows).tensor)
    assert same is not None and same.count == 0
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, len(rows[0]) - 1))
    changed = [list(row) for row in rows]
    changed[r][c] += 1.0 + abs(changed[r][c])
    result = compare_previews(tensor(rows).tensor, tensor(changed).tensor)
    assert result is not None and result.mismatched == {(r, c)}


def test_nan_matches_nan_only() -> None:
    exp = tensor([1.0, math.nan]).tensor
    assert compare_previews(exp, tensor([1.0, math.nan]).tensor).count == 0  # type: ignore[union-attr]
    assert compare_previews(exp, tensor([1.0, 0.0]).tensor).mismatched == {(1,)}  # type: ignore[union-attr]
    assert compare_previews(exp, tensor([[1.0, 0.0]]).tensor) is None  # shapes differ


def test_value_pattern_ignores_equal_tensors() -> None:
    t = tensor([1.0, 2.0]).tensor
    assert value_pattern(t, t) is None


def test_non_finite_mismatch_makes_the_difference_infinite() -> None:
    result = compare_previews(tensor([1.0, 2.0]).tensor, tensor([1.0, math.nan]).tensor)
    assert result is not None and result.max_abs_diff == math.inf
