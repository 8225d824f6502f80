"""Property tests: whatever a run returns (any shapes, NaNs, nested tuples, long messages,
odd text), the Professor has something specific to say and the panel draws it without
crashing or drawing past its edges, at any width and font scale."""

from __future__ import annotations

import math
from typing import Any

import pygame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.feedback import react
from game.feedback.samples import big_tensor, tensor
from game.runner.protocol import (
    VERDICTS,
    CaseResult,
    FailureClass,
    RunResult,
    TraceOp,
    ValuePreview,
)
from game.session.runs import RunOutcome
from game.ui.fonts import Fonts
from game.ui.results import ResultsPanel
from game.ui.theme import DEFAULT

CLASSES: tuple[str, ...] = FailureClass.__args__  # type: ignore[attr-defined]
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.integers(-(10**6), 10**6).map(float),
)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)


@st.composite
def small_tensors(draw: Any) -> ValuePreview:
    shape = draw(st.lists(st.integers(1, 7), min_size=0, max_size=4))
    if math.prod(shape) > 256:
        shape = shape[:2]

    def fill(dims: list[int]) -> Any:
        if not dims:
            return draw(numbers)
        return [fill(dims[1:]) for _ in range(dims[0])]

    dtype = draw(st.sampled_from(["float32", "float16", "int64", "bool", "torch.float64"]))
    values = fill(shape)
    if dtype == "bool":
        values = _map(values, lambda v: bool(v == v and v > 0))
    return tensor(values, dtype)


def _map(values: Any, fn: Any) -> Any:
    return [_map(v, fn) for v in values] if isinstance(values, list) else fn(values)


def values_strategy() -> st.SearchStrategy[ValuePreview]:
    leaf = st.one_of(
        small_tensors(),
        st.builds(
            lambda r, c: big_tensor(r, c, lambda i, j: math.sin(i + j)),
            st.integers(17, 80),
            st.integers(17, 80),
        ),
        st.builds(lambda t: ValuePreview(kind="scalar", text=t), words),
        st.just(ValuePreview(kind="none", text="None")),
    )
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, min_size=1, max_size=3).map(
            lambda items: ValuePreview(kind="sequence", text=f"tuple of {len(items)}", items=items)
        ),
        max_leaves=4,
    )


ops = st.builds(
    TraceOp,
    op=words,
    line=st.none() | st.integers(1, 400),
    inputs=st.lists(words, max_size=3),
    outputs=st.lists(words, max_size=2),
)

cases = st.builds(
    CaseResult,
    name=words,
    kind=st.sampled_from(["example", "hidden", "edge"]),
    status=st.sampled_from(["pass", "fail", "error", "skipped"]),
    message=words,
    failure_class=st.none() | st.sampled_from(CLASSES),
    inputs=st.none() | st.lists(values_strategy(), max_size=2),
    expected=st.none() | values_strategy(),
    got=st.none() | values_strategy(),
    max_abs_diff=st.none() | numbers,
    mismatch_index=st.none() | st.lists(st.integers(0, 8), max_size=3),
    line=st.none() | st.integers(1, 50),
    traceback=st.none() | words,
    trace=st.none() | st.lists(ops, max_size=4),
)

runs = st.builds(
    RunResult,
    puzzle=words,
    device=st.sampled_from(["cpu", "cuda:0"]),
    mode=st.sampled_from(["try", "submit"]),
    verdict=st.sampled_from(VERDICTS),
    message=words,
    line=st.none() | st.integers(1, 50),
    cases=st.lists(cases, max_size=4),
    stdout=words,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(run=runs, width=st.integers(180, 1100), scale=st.sampled_from([0.8, 1.0, 1.5, 2.0]))
def test_any_run_is_voiced_and_drawn_inside_the_panel(
    run: RunResult, width: int, scale: float
) -> None:
    reaction = react(run)
    if run.verdict != "pass":
        assert reaction.failure is not None and reaction.next_step.strip()
    pygame.display.init()
    pygame.font.init()
    panel = ResultsPanel(fonts=Fonts(scale), theme=DEFAULT)
    panel.set_rect(pygame.Rect(0, 0, width, 400))
    panel.show_result(RunOutcome(run))
    panel.draw(pygame.Surface((width, 400)))
    assert panel.describe()
    assert panel.overflowing == []
