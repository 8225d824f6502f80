"""One case the sandbox finished, checked against the trusted side's answers: its output compared
with the expected value under the puzzle's policy (tolerances, dtype, device, broadcasting), its
inputs sent back unchanged (no in-place tampering), its gradients for grad puzzles, and its
tensor peak within the puzzle's budget. Everything checked is decoded from what the run wrote,
which counts only as evidence against the player. Imports torch; never pygame.
"""

from __future__ import annotations

from typing import Any

import torch
from torch.utils._pytree import tree_flatten

from game.runner import transfer
from game.runner.bundle import Bundle, PreparedCase
from game.runner.compare import compare
from game.runner.gradcheck import check_grads, input_names
from game.runner.policy import Policy, magnitude


def _inputs_of(prepared: PreparedCase) -> list[torch.Tensor]:
    return [
        t
        for t in tree_flatten((prepared.case.args, prepared.case.kwargs))[0]
        if isinstance(t, torch.Tensor)
    ]


def check_case(
    bundle: Bundle,
    prepared: PreparedCase,
    report: dict[str, Any],
    tensors: dict[str, torch.Tensor],
    device: str,
) -> tuple[str, str, str | None, Any, Any]:
    """(status, message, failure_class, got, mismatch) for a case the sandbox finished."""
    model = bundle.model
    case = prepared.case
    got = transfer.decode(report["output"], tensors, received=True)
    tol = model.tolerance
    policy = Policy(
        device=device,
        check_dtype=model.check_dtype,
        check_device=model.check_device,
        atol=case.atol if case.atol is not None else (tol.atol if tol else None),
        rtol=case.rtol if case.rtol is not None else (tol.rtol if tol else None),
        scale=magnitude((case.args, case.kwargs)),
        detached=model.detached_outputs,
        broadcast=model.shape_match == "broadcast",
        dtype_kind=model.dtype_match == "kind",
    )
    bad = compare(prepared.expected, got, policy)
    if bad:
        return "fail", bad.message, bad.failure_class, got, bad
    originals = _inputs_of(prepared)
    after = [
        transfer.decode(node, tensors, received=True) for node in report.get("inputs_after", [])
    ]
    if len(after) != len(originals):  # the harness sends every input back, always
        return "fail", "the run did not send back every input it was given", "tampering", got, None
    for i, (orig, now) in enumerate(zip(originals, after, strict=True)):
        same = (
            isinstance(now, transfer.Received)
            and now.tensor.shape == orig.shape
            and bool(
                ((now.tensor == orig) | (torch.isnan(orig) & torch.isnan(now.tensor))).all()
                if orig.is_floating_point()
                else (now.tensor == orig).all()
            )
        )
        if not same:
            name = input_names(bundle.reference, case.args, case.kwargs, floats=False)[i]
            return (
                "fail",
                f"your code changed its input `{name}` in place; leave the inputs "
                "as they are and return new tensors",
                "tampering",
                got,
                None,
            )
    if prepared.grads is not None:
        grads = [transfer.decode(node, tensors, received=True) for node in report.get("grads", [])]
        names = input_names(bundle.reference, case.args, case.kwargs, floats=True)
        gbad = check_grads(prepared.grads, grads, names, policy)
        if gbad:
            return "fail", gbad.message, gbad.failure_class, got, gbad
    budget = model.limits.peak_tensor_bytes
    peak = int(report.get("peak_bytes") or 0)
    if budget is not None and peak > budget:
        return (
            "fail",
            f"your code held {peak:,} bytes of tensors at its peak; this puzzle's budget "
            f"is {budget:,} bytes. Find a way that keeps fewer big tensors alive at once.",
            "memory",
            got,
            None,
        )
    return "pass", "passed", None, got, None
