"""Synthetic runs, one per failure class plus passes and a big-tensor case, shaped like the
runner's results. They drive the results panel's preview tool (`python -m
game.ui.results.preview`) and the feedback and panel tests, so every class is seen and checked
without torch. PURE: must not import pygame or torch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from game.runner.protocol import (
    CaseResult,
    FailureClass,
    Metrics,
    RunResult,
    TensorPreview,
    TraceOp,
    ValuePreview,
)


def _flat(values: Any) -> list[float]:
    if isinstance(values, list):
        return [x for v in values for x in _flat(v)]
    return [float(values)]


def _shape(values: Any) -> list[int]:
    shape = []
    while isinstance(values, list):
        shape.append(len(values))
        values = values[0] if values else None
    return shape


def tensor(values: Any, dtype: str = "float32", device: str = "cpu") -> ValuePreview:
    """A preview carrying all its values, like the runner sends for small tensors."""
    flat = _flat(values)
    finite = [x for x in flat if math.isfinite(x)]
    shape = _shape(values)
    preview = TensorPreview(
        shape=shape,
        dtype=dtype,
        device=device,
        values=values,
        min=min(finite) if finite else None,
        max=max(finite) if finite else None,
        mean=sum(finite) / len(finite) if finite else None,
        nan_count=sum(math.isnan(x) for x in flat),
        inf_count=sum(math.isinf(x) for x in flat),
    )
    return ValuePreview(kind="tensor", text=f"tensor{shape} {dtype}", tensor=preview)


def big_tensor(rows: int, cols: int, fn: Callable[[int, int], float]) -> ValuePreview:
    """A large tensor's preview: a 32x32 (at most) heatmap and summary, no values."""
    h, w = min(rows, 32), min(cols, 32)
    grid = [[fn(r * rows // h, c * cols // w) for c in range(w)] for r in range(h)]
    flat = [x for row in grid for x in row]
    preview = TensorPreview(
        shape=[rows, cols],
        dtype="float32",
        device="cpu",
        heatmap=grid,
        min=min(flat),
        max=max(flat),
        mean=sum(flat) / len(flat),
    )
    return ValuePreview(kind="tensor", text=f"tensor[{rows}, {cols}] float32", tensor=preview)


def scalar(value: float | int) -> ValuePreview:
    return ValuePreview(kind="scalar", text=repr(value))


def _inputs() -> list[ValuePreview]:
    return [tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), scalar(3)]


def _passing(name: str, kind: str = "hidden") -> CaseResult:
    return CaseResult(name=name, kind=kind, status="pass")  # type: ignore[arg-type]


def _run(verdict: str, cases: list[CaseResult], **extra: Any) -> RunResult:
    extra.setdefault("message", "")
    return RunResult(
        puzzle="sample_puzzle",
        device="cpu",
        verdict=verdict,  # type: ignore[arg-type]
        cases=cases,
        **extra,
    )


def _failing(
    cls: FailureClass, expected: ValuePreview | None, got: ValuePreview | None, **extra: Any
) -> RunResult:
    case = CaseResult(
        name="example 1",
        kind="example",
        status="fail",
        failure_class=cls,
        inputs=_inputs(),
        expected=expected,
        got=got,
        **extra,
    )
    return _run("fail", [case, _passing("hidden 1"), _passing("edge: size 1", "edge")])


def _errored(cls: FailureClass, message: str, **extra: Any) -> RunResult:
    case = CaseResult(
        name="example 1",
        kind="example",
        status="error",
        failure_class=cls,
        inputs=_inputs(),
        message=message,
        **extra,
    )
    return _run("error", [case, CaseResult(name="hidden 1", status="skipped")])


_COL = [[1.0], [2.0], [3.0]]
_ROW = [1.0, 2.0, 3.0]
_MATRIX = [[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]]
_TRACE = [
    TraceOp(op="torch.arange", line=3, inputs=["int 3"], outputs=["int64[3]"]),
    TraceOp(op="Tensor.float", line=3, inputs=["int64[3]"], outputs=["float32[3]"]),
    TraceOp(op="Tensor.unsqueeze", line=4, inputs=["float32[3]"], outputs=["float32[3, 1]"]),
]


def sample_runs() -> dict[str, RunResult]:
    """Every failure class the runner can report, plus passes; keyed by class or `pass_*`."""
    return {
        "shape": _failing(
            "shape",
            tensor(_ROW),
            tensor(_COL),
            trace=_TRACE,
            line=4,
            message="shape [3, 1], expected [3]",
        ),
        "dtype": _failing("dtype", tensor([0, 1, 2], "int64"), tensor([0.0, 1.0, 2.0])),
        "device": _failing("device", tensor(_ROW, device="cuda:0"), tensor(_ROW)),
        "values": _failing(
            "values",
            tensor(_MATRIX),
            tensor([[0.5, 1.0, 1.5], [2.0, 2.5, 9.0]]),
            max_abs_diff=6.0,
            mismatch_index=[1, 2],
            line=5,
            trace=_TRACE,
        ),
        "nan": _failing("nan", tensor(_ROW), tensor([1.0, math.nan, math.inf])),
        "type": _failing("type", tensor(_ROW), ValuePreview(kind="other", text="list [1, 2, 3]")),
        "exception": _errored(
            "exception",
            "RuntimeError",
            line=6,
            trace=_TRACE,
            traceback='  File "solution.py", line 6, in summon\n    return a + b\nRuntimeError: '
            "The size of tensor a (3) must match the size of tensor b (4) at "
            "non-singleton dimension 1",
        ),
        "timeout": _run("timeout", [], message="Your code ran for more than 5 s."),
        "memory": _run("memory", [], message="Your code used more than 3072 MB."),
        "rule": _run(
            "rule_violation",
            [],
            line=4,
            message="Line 4 uses torch.einsum, which this puzzle forbids.",
        ),
        "missing_function": _run("error", [], message="Your code does not define `summon`."),
        "syntax": _run("error", [], line=2, message="SyntaxError: '(' was never closed (line 2)"),
        "output_limit": _run(
            "output_limit",
            [],
            stdout="spam\n" * 400,
            stdout_truncated=True,
            message="Your code printed more than 64 KiB.",
        ),
        "tampering": _failing(
            "tampering",
            tensor(_ROW),
            tensor(_ROW),
            message="Your function modified its input `x` in place.",
        ),
        "big_values": _failing(
            "values",
            big_tensor(64, 48, lambda r, c: math.sin(r / 7) * math.cos(c / 5)),
            big_tensor(64, 48, lambda r, c: math.sin(r / 7) * math.cos(c / 5) + (r > 40) * 0.5),
            max_abs_diff=0.5,
            mismatch_index=[41, 0],
        ),
        "pass_submit": _run(
            "pass",
            [
                _passing("example 1", "example"),
                _passing("hidden 1"),
                _passing("hidden 2"),
                _passing("edge: size 1", "edge"),
            ],
            metrics=Metrics(
                ops=4, peak_memory_bytes=1536, time_ms=0.21, code_lines=6, code_chars=180
            ),
            reference_metrics=Metrics(
                ops=3, peak_memory_bytes=1536, time_ms=0.18, code_lines=4, code_chars=150
            ),
        ),
        "pass_try": _run(
            "pass",
            [_passing("example 1", "example")],
            mode="try",
            stdout="tensor([0., 1., 2.])\ntorch.Size([3])\n",
        ),
    }
