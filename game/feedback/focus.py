"""Where inside a case's output the failure shows: the first item of a tuple or dict (walking
nested ones) whose tensors differ in the way the failure class says, and the traced torch call
that produced the wrong tensor. PURE: must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.feedback.compare import compare_previews
from game.feedback.numbers import fmt_shape, short_dtype
from game.runner.protocol import CaseResult, TensorPreview, TraceOp, ValuePreview


@dataclass(frozen=True)
class Focus:
    """The expected and returned values the Professor talks about, and where they sit."""

    expected: ValuePreview | None
    got: ValuePreview | None
    path: str = ""  # "" for the whole output, else e.g. "[0]" or "['logits']"

    @property
    def expected_tensor(self) -> TensorPreview | None:
        return _tensor(self.expected)

    @property
    def got_tensor(self) -> TensorPreview | None:
        return _tensor(self.got)

    @property
    def yours(self) -> str:
        return "your output" + self.path


def _tensor(value: ValuePreview | None) -> TensorPreview | None:
    return value.tensor if value is not None and value.kind == "tensor" else None


def labelled_items(value: ValuePreview) -> list[tuple[str, ValuePreview]]:
    items = value.items or []
    if value.kind == "mapping" and value.keys and len(value.keys) == len(items):
        return [(f"[{k!r}]", item) for k, item in zip(value.keys, items, strict=True)]
    return [(f"[{i}]", item) for i, item in enumerate(items)]


def _pairs(expected: ValuePreview | None, got: ValuePreview | None, path: str) -> Iterator[Focus]:
    """Leaf pairs in order; a container only pairs with a container of the same kind."""
    nested = ("sequence", "mapping")
    if (
        expected is not None
        and got is not None
        and expected.kind in nested
        and expected.kind == got.kind
    ):
        mine = dict(labelled_items(got))
        for label, item in labelled_items(expected):
            yield from _pairs(item, mine.get(label), path + label)
        return
    yield Focus(expected, got, path)


def _shows(cls: str, pair: Focus) -> bool:
    e, g = pair.expected_tensor, pair.got_tensor
    if e is None or g is None:  # scalars, None, lists: a difference in kind or in text

        def sig(v: ValuePreview | None) -> tuple[str, str]:
            return (v.kind, v.text) if v is not None else ("none", "")

        return sig(pair.expected) != sig(pair.got)
    if cls == "type":
        return False
    if cls == "shape":
        return e.shape != g.shape
    if cls == "dtype":
        return short_dtype(e.dtype) != short_dtype(g.dtype)
    if cls == "device":
        return e.device != g.device
    if cls == "nan":
        return bool(g.nan_count or g.inf_count)
    comparison = compare_previews(e, g)
    return comparison.count > 0 if comparison is not None else e.shape == g.shape


def focus(case: CaseResult, cls: str | None) -> Focus:
    """The first output item that shows `cls`; the whole output if none stands out."""
    pairs = list(_pairs(case.expected, case.got, ""))
    if cls is not None:
        for pair in pairs:
            if _shows(cls, pair):
                return pair
    return pairs[0] if len(pairs) == 1 else Focus(case.expected, case.got)


def culprit(case: CaseResult, got: TensorPreview | None) -> TraceOp | None:
    """The traced call that made the wrong tensor (its dtype and shape match), else the last
    call on the failing line."""
    ops = case.trace or []
    if got is not None:
        made = f"{short_dtype(got.dtype)}{fmt_shape(got.shape)}"
        for op in reversed(ops):
            if any(out.replace(" ", "") == made.replace(" ", "") for out in op.outputs):
                return op
    on_line = [op for op in ops if case.line is not None and op.line == case.line]
    return on_line[-1] if on_line else None


def describe_op(op: TraceOp) -> str:
    where = f" on line {op.line}" if op.line is not None else ""
    ins = ", ".join(op.inputs) or "nothing"
    return f"{op.op}{where}: {ins} -> {', '.join(op.outputs) or '?'}"
