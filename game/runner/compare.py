"""Trusted comparison of what came back from the sandbox against the reference's output.

Tensors must be exactly `torch.Tensor` (they arrive as `transfer.Received`; anything else came
back as `Opaque`), with the expected shape, then dtype and device where the puzzle checks them,
then values within tolerance (`tensor_values`, under the case's `policy`). Messages speak to
a learner. Imports torch; never pygame.
"""

from __future__ import annotations

from typing import Any

import torch

from game.runner.policy import Mismatch, Policy
from game.runner.tensor_values import compare_values
from game.runner.transfer import MetaTensor, Opaque, Received, dtype_name


def _shape(shape: Any) -> str:
    return "[" + ", ".join(str(int(d)) for d in shape) + "]"


def describe_got(got: Any) -> str:
    if isinstance(got, Received):
        return f"a tensor {dtype_name(got.tensor.dtype)}{_shape(got.tensor.shape)}"
    if isinstance(got, MetaTensor):
        return f"a meta tensor {got.dtype}{_shape(got.shape)} (a shape with no values)"
    if isinstance(got, Opaque):
        return f"a `{got.type_name}` object"
    if got is None:
        return "None"
    if isinstance(got, (tuple, list)):
        return f"a {type(got).__name__} of {len(got)} items"
    return f"a {type(got).__name__} ({got!r})"[:120]


def _type_hint(expected: Any, got: Any) -> str:
    if isinstance(expected, torch.Tensor):
        if isinstance(got, list):
            return " Build it with torch.tensor(...) or torch.stack(...)."
        if isinstance(got, Opaque) and got.type_name.startswith("numpy"):
            return " Convert it with torch.from_numpy(...), or stay in torch all the way."
        if isinstance(got, (int, float)):
            return " Return the tensor itself, not a Python number."
        if isinstance(got, Opaque) and ("Tensor" in got.type_name or "torch.Tensor" in got.text):
            return " Only a plain torch.Tensor counts: no subclasses or lookalikes."
    if isinstance(expected, (int, float)) and isinstance(got, Received):
        return " Use .item() to turn a one-element tensor into a Python number."
    return ""


def _type_error(path: str, expected: str, expected_value: Any, got: Any) -> Mismatch:
    return Mismatch(
        "type",
        f"{path}: expected {expected}, got {describe_got(got)}." + _type_hint(expected_value, got),
    )


def compare(expected: Any, got: Any, policy: Policy, path: str = "your answer") -> Mismatch | None:
    """None when `got` matches; otherwise the first mismatch, explained."""
    if isinstance(expected, torch.Tensor):
        return _compare_tensor(expected, got, policy, path)
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if type(got) is not type(expected) or got != expected:
            return Mismatch(
                "values" if type(got) is type(expected) else "type",
                f"{path}: expected {expected!r}, got {describe_got(got)}."
                + _type_hint(expected, got),
            )
        return None
    if isinstance(expected, (int, float)):
        return _compare_number(expected, got, policy, path)
    if isinstance(expected, (torch.dtype, torch.Size)):
        if type(got) is not type(expected) or got != expected:
            return _type_error(path, f"{expected}", expected, got)
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return _type_error(
                path, f"a {type(expected).__name__} of {len(expected)} items", expected, got
            )
        if len(got) != len(expected):
            return Mismatch("shape", f"{path}: expected {len(expected)} items, got {len(got)}.")
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            bad = compare(e, g, policy, f"{path}[{i}]")
            if bad:
                return bad
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return _type_error(path, "a dict", expected, got)
        if set(got) != set(expected):
            return Mismatch(
                "type", f"{path}: expected the keys {sorted(expected)}, got {sorted(got)}."
            )
        # Dicts keep insertion order, and a returned mapping such as a state_dict is loaded in
        # that order: the right keys in another order are a different answer.
        if list(got) != list(expected):
            first = next(i for i, (e, g) in enumerate(zip(expected, got, strict=False)) if e != g)
            return Mismatch(
                "type",
                f"{path}: the keys are right but their order is not: key #{first} should be "
                f"{list(expected)[first]!r}, got {list(got)[first]!r}. Keep the order you were "
                "given.",
            )
        for key in expected:
            bad = compare(expected[key], got[key], policy, f"{path}[{key!r}]")
            if bad:
                return bad
        return None
    raise TypeError(f"the reference returned a {type(expected).__name__}, which cannot be compared")


def _compare_number(expected: int | float, got: Any, policy: Policy, path: str) -> Mismatch | None:
    if type(got) not in (int, float) or (isinstance(expected, int) and type(got) is float):
        return _type_error(path, f"a Python {type(expected).__name__}", expected, got)
    atol, rtol = policy.tolerance(torch.float64, abs(expected) if expected == expected else 0.0)
    if expected != expected:
        return None if got != got else Mismatch("values", f"{path}: expected nan, got {got!r}.")
    if got != got:
        return Mismatch("nan", f"{path}: expected {expected!r}, got nan.")
    diff = abs(got - expected)
    if diff > atol + rtol * abs(expected) and got != expected:
        return Mismatch(
            "values", f"{path}: expected {expected!r}, got {got!r}.", max_abs_diff=float(diff)
        )
    return None


def _compare_tensor(expected: torch.Tensor, got: Any, policy: Policy, path: str) -> Mismatch | None:
    if isinstance(got, MetaTensor):
        return Mismatch(
            "device",
            f"{path} is a meta tensor: it has a shape but no values. "
            f"Make it on the device you were given ({policy.device}).",
        )
    if not isinstance(got, Received):
        return _type_error(
            path,
            f"a torch.Tensor {dtype_name(expected.dtype)}{_shape(expected.shape)}",
            expected,
            got,
        )
    tensor = got.tensor
    bad_form = _shape_and_dtype(expected, tensor, policy, path)
    if bad_form is not None:
        return bad_form
    if policy.broadcast and tuple(tensor.shape) != tuple(expected.shape):
        tensor = tensor.broadcast_to(expected.shape)
    got_device = got.device.split(":")[0]
    if policy.check_device and got_device != policy.device:
        return Mismatch(
            "device", f"{path}: expected it on {policy.device}, got it on {got.device}."
        )
    bad = compare_values(expected, tensor, policy, path)
    if bad is None and policy.detached and got.requires_grad:
        return Mismatch(
            "type",
            f"{path} is right but still has a graph attached (requires_grad=True); return it "
            ".detach()ed, or compute it under torch.no_grad().",
        )
    return bad


def dtype_kind(dtype: torch.dtype) -> str:
    if dtype == torch.bool:
        return "bool"
    if dtype.is_complex:
        return "complex"
    return "floating point" if dtype.is_floating_point else "integer"


def _broadcasts_to(got: tuple[int, ...], want: tuple[int, ...]) -> bool:
    if len(got) > len(want):
        return False
    return all(g in (1, w) for g, w in zip(reversed(got), reversed(want), strict=False))


def _shape_and_dtype(
    expected: torch.Tensor, tensor: torch.Tensor, policy: Policy, path: str
) -> Mismatch | None:
    """The shape and dtype step, under the puzzle's comparison options."""
    got_shape, want = tuple(tensor.shape), tuple(expected.shape)
    if got_shape != want and not (policy.broadcast and _broadcasts_to(got_shape, want)):
        also = " (or a shape that broadcasts to it)" if policy.broadcast else ""
        return Mismatch(
            "shape", f"{path}: expected shape {_shape(want)}{also}, got {_shape(got_shape)}."
        )
    if not policy.check_dtype or tensor.dtype == expected.dtype:
        return None
    if policy.dtype_kind:
        if dtype_kind(tensor.dtype) == dtype_kind(expected.dtype):
            return None
        return Mismatch(
            "dtype",
            f"{path}: expected a dtype of {dtype_kind(expected.dtype)} kind (such as "
            f"{dtype_name(expected.dtype)}), got {dtype_name(tensor.dtype)}.",
        )
    return Mismatch(
        "dtype",
        f"{path}: expected dtype {dtype_name(expected.dtype)}, got {dtype_name(tensor.dtype)}.",
    )
