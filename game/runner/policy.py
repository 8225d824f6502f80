"""What a comparison allows and what it reports: the `Policy` of one case (which checks
apply, the tolerance floors, the scale of its inputs), the `Mismatch` it finds, and `magnitude`,
the scale a value's rounding is measured against. Imports torch; never pygame.

The tolerance rule (numbers in `game.content.tolerance`, MODDING.md "How close is close
enough" explains it): a value passes when |got - expected| <= atol + rtol * |expected|, where
    atol = max(floor_atol, ROUNDING_STEPS * eps(dtype) * scale)
    rtol = max(floor_rtol, ROUNDING_STEPS * eps(dtype))
`floor_*` is the case's or puzzle's declared tolerance, else DEFAULT_TOLERANCE for the dtype;
`scale` is the largest finite magnitude among the case's floating-point inputs and the expected
tensor. A correct float32 program whose inputs are near 1e4 carries rounding errors of about
eps * 1e4 ~ 1e-3 in every intermediate, whatever formula it uses, so no declared tolerance can
hold it tighter than a few rounding steps of its largest number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.utils._pytree import tree_flatten

from game.content.tolerance import DEFAULT_TOLERANCE, widened
from game.runner.transfer import dtype_name


def magnitude(value: Any) -> float:
    """The largest finite |x| over the floating-point tensors in `value` (0 when none)."""
    best = 0.0
    for leaf in tree_flatten(value)[0]:
        if (
            isinstance(leaf, torch.Tensor)
            and leaf.numel()
            and (leaf.is_floating_point() or leaf.is_complex())
        ):
            finite = leaf.detach().abs()
            finite = finite[torch.isfinite(finite)]
            if finite.numel():
                best = max(best, float(finite.max()))
    return best


@dataclass
class Mismatch:
    """The first way an answer differs, in words for a learner: its failure class, and where
    values differ, the largest difference and the first index off."""

    failure_class: str
    message: str
    max_abs_diff: float | None = None
    mismatch_index: list[int] | None = None


@dataclass(frozen=True)
class Policy:
    """How one case compares: the device answers belong on, which checks apply, and the
    declared tolerance floors (None: the default for the dtype)."""

    device: str
    check_dtype: bool = True
    check_device: bool = True
    atol: float | None = None
    rtol: float | None = None
    scale: float = 0.0  # the largest finite |x| among the case's float inputs
    detached: bool = False  # returned tensors must not require grad
    broadcast: bool = False  # a shape that broadcasts to the expected one is accepted
    dtype_kind: bool = False  # any dtype of the expected kind (bool/int/float/complex) passes

    def tolerance(self, dtype: torch.dtype, expected_scale: float = 0.0) -> tuple[float, float]:
        """(atol, rtol) for values of `dtype` whose largest expected magnitude is
        `expected_scale`: the declared (or default) floor, widened to the rounding limit."""
        name = dtype_name(dtype)
        atol, rtol = DEFAULT_TOLERANCE.get(name, (0.0, 0.0))
        atol = atol if self.atol is None else self.atol
        rtol = rtol if self.rtol is None else self.rtol
        return widened(name, (atol, rtol), max(self.scale, expected_scale))
