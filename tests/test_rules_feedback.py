"""Feedback that shrinks: failures grouped by kind with the smallest case first, a failing random
case shrunk to the smallest that still fails, torch's internals cut from messages, advice that
never suggests what the rules refuse, and the comparison options (broadcast, dtype by kind)."""

from __future__ import annotations

from pathlib import Path

import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.puzzle_models import Rules
from game.feedback.advice import dtype_advice
from game.feedback.professor import react
from game.feedback.rulewise import refused, within_rules
from game.runner.check import check_code
from game.runner.compare import compare
from game.runner.grouping import group_failures, without_internals
from game.runner.policy import Policy
from game.runner.protocol import CaseResult
from game.runner.report import render
from game.runner.transfer import Received

REPO = Path(__file__).resolve().parent.parent
DRILL_RULES = Rules(allow=["arithmetic", "comparison", "indexing", "torch.arange", "torch.where"])


def _case(name: str, cls: str | None, size: int, kind: str = "hidden") -> CaseResult:
    status = "pass" if cls is None else "fail"
    return CaseResult(name=name, kind=kind, status=status, failure_class=cls, size=size)  # type: ignore[arg-type]


def test_failures_are_grouped_by_kind_smallest_first() -> None:
    cases = [
        _case("big values", "values", 90),
        _case("ok", None, 1),
        _case("small values", "values", 4),
        _case("shape", "shape", 50),
        _case("tiny example", "values", 4, "example"),
    ]
    groups = group_failures(cases)
    assert [(g.failure_class, g.cases) for g in groups] == [("shape", [3]), ("values", [4, 2, 0])]


def test_a_wrong_direction_roll_shrinks_to_a_short_report() -> None:
    code = (REPO / "tests/wrong_solutions/drill_roll/wrong_direction.py").read_text()
    result = check_code("drill_roll", code, device="cpu", roots=[REPO], seed=5)
    assert result.verdict == "fail"
    shrunk = [c for c in result.cases if c.shrunk_from]
    assert len(shrunk) == 1 and shrunk[0].status == "fail"
    original = next(c for c in result.cases if c.name == shrunk[0].shrunk_from)
    assert (shrunk[0].size or 0) < (original.size or 0)
    text = render(result)
    assert len(text.splitlines()) < 25, text
    assert text.count("[FAIL]") == 1  # one case in full; the others by name


def test_passing_code_is_not_shrunk() -> None:
    code = (REPO / "puzzles/drill_roll/reference.py").read_text()
    result = check_code("drill_roll", code, device="cpu", roots=[REPO], seed=5)
    assert result.verdict == "pass" and not any(c.shrunk_from for c in result.cases)


def test_torch_internals_are_cut_from_messages() -> None:
    text = (
        "The size of tensor a (3) must match (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/Foo.cpp:12.) in "
        "/venv/lib/python3.11/site-packages/torch/_tensor.py:41"
    )
    assert without_internals(text) == "The size of tensor a (3) must match in"


def test_advice_never_suggests_a_refused_operation() -> None:
    for got, want in [("float32", "int64"), ("float32", "bool"), ("int64", "float32")]:
        step = within_rules(dtype_advice(got, want), DRILL_RULES)
        assert step and not refused(step, DRILL_RULES), step
    assert ".long()" in within_rules(dtype_advice("float32", "int64"), Rules())
    forbidding = Rules(forbidden=["torch.Tensor.long"])
    assert ".long()" not in within_rules(dtype_advice("float32", "int64"), forbidding)


def test_the_professor_respects_the_rules_of_the_run() -> None:
    code = (REPO / "tests/wrong_solutions/drill_eye/bool_identity.py").read_text()
    result = check_code("drill_eye", code, device="cpu", roots=[REPO], seed=1, mode="try")
    assert result.rules is not None and result.rules.allow
    reaction = react(result)
    assert reaction.failure == "dtype"
    said = f"{reaction.text} {reaction.next_step}"
    assert not refused(said, result.rules) and "where" in said, said


@settings(deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=0, max_size=3),
    st.lists(st.integers(1, 4), min_size=0, max_size=3),
)
def test_broadcast_shapes_are_accepted_exactly_when_they_broadcast(
    got: list[int], want: list[int]
) -> None:
    expected = torch.ones(want)
    answer = Received(torch.ones(got), "cpu")
    try:
        fits = torch.broadcast_shapes(tuple(got), tuple(want)) == tuple(want)
    except RuntimeError:
        fits = False
    loose = compare(expected, answer, Policy("cpu", broadcast=True))
    assert (loose is None) == fits
    strict = compare(expected, answer, Policy("cpu"))
    assert (strict is None) == (got == want)


def test_dtype_by_kind() -> None:
    ints = torch.arange(3)
    kind = Policy("cpu", dtype_kind=True)
    assert compare(ints, Received(ints.int(), "cpu"), kind) is None
    assert compare(ints, Received(ints.int(), "cpu"), Policy("cpu")) is not None
    mismatch = compare(ints, Received(ints.float(), "cpu"), kind)
    assert mismatch is not None and mismatch.failure_class == "dtype"
    assert "integer kind" in mismatch.message


def test_the_results_list_failures_by_group_then_the_rest() -> None:
    from game.feedback.classify import grouped_cases
    from game.runner.protocol import RunResult

    cases = [
        _case("big values", "values", 90),
        _case("ok", None, 1),
        _case("small values", "values", 4),
        _case("shape", "shape", 50),
    ]
    result = RunResult(
        puzzle="p", device="cpu", verdict="fail", cases=cases, groups=group_failures(cases)
    )
    names = [c.name for c in grouped_cases(result)]
    assert names == ["shape", "small values", "big values", "ok"]
