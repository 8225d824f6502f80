"""Trusted comparison of what came back from the sandbox against the reference's output.

Tensors must be exactly `torch.Tensor` (they arrive as `transfer.Received`; anything else came
back as `Opaque`), with the expected shape, then dtype and device where the puzzle checks them,
then values within tolerance, NaN and inf handled explicitly. Messages speak to a learner.
Imports torch; never pygame.

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

from dataclasses import dataclass, replace
from typing import Any

import torch
from torch.utils._pytree import tree_flatten

from game.content.tolerance import DEFAULT_TOLERANCE, widened
from game.runner.transfer import MetaTensor, Opaque, Received, dtype_name


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
    failure_class: str
    message: str
    max_abs_diff: float | None = None
    mismatch_index: list[int] | None = None


@dataclass(frozen=True)
class Policy:
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
    bad = _compare_values(expected, tensor, policy, path)
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


def _first_index(mask: torch.Tensor) -> list[int] | None:
    flat = torch.nonzero(mask.reshape(-1))
    if flat.numel() == 0:
        return None
    index = int(flat[0, 0])
    coords = []
    for size in reversed(mask.shape):
        coords.append(index % size)
        index //= size
    return list(reversed(coords))


def _compare_values(
    expected: torch.Tensor, got: torch.Tensor, policy: Policy, path: str
) -> Mismatch | None:
    if torch.equal(expected, got):
        return None  # equal values sit inside every tolerance; the rest only measures a miss
    return _values_mismatch(expected, got, policy, path)


def _values_mismatch(
    expected: torch.Tensor, got: torch.Tensor, policy: Policy, path: str
) -> Mismatch | None:
    if expected.is_complex() or got.is_complex():
        atol, rtol = policy.tolerance(expected.dtype, magnitude(expected))
        e = torch.view_as_real(expected.to(torch.complex128))
        g = torch.view_as_real(got.to(torch.complex128))
        real_policy = replace(policy, atol=atol, rtol=rtol)
        return _values_mismatch(e, g, real_policy, path)
    exact = not (expected.is_floating_point() or got.is_floating_point())
    if exact:
        bad = expected.to(torch.int64) != got.to(torch.int64)
        index = _first_index(bad)
        if index is None:
            return None
        worst = (expected.to(torch.float64) - got.to(torch.float64)).abs().max().item()
        return Mismatch(
            "values",
            f"{path}: {int(bad.sum())} of {bad.numel()} values differ; the first at "
            f"{index}: expected {_item(expected, index)}, got {_item(got, index)}.",
            max_abs_diff=float(worst),
            mismatch_index=index,
        )
    atol, rtol = policy.tolerance(expected.dtype, magnitude(expected))
    e, g = expected.to(torch.float64), got.to(torch.float64)
    e_nan, g_nan = torch.isnan(e), torch.isnan(g)
    stray_nan = g_nan & ~e_nan
    if bool(stray_nan.any()):
        index = _first_index(stray_nan)
        return Mismatch(
            "nan",
            f"{path} has {int(stray_nan.sum())} NaN values where numbers were expected; "
            f"the first at {index} (expected {_item(expected, index)}).",
            mismatch_index=index,
        )
    same_inf = torch.isinf(e) & (e == g)
    finite = ~e_nan & ~g_nan & ~same_inf
    diff = torch.where(finite, (g - e).abs(), torch.zeros_like(e))
    diff = torch.nan_to_num(diff, nan=float("inf"))
    bad = (diff > atol + rtol * e.abs().nan_to_num(posinf=0.0, neginf=0.0)) | (e_nan & ~g_nan)
    index = _first_index(bad)
    max_diff = float(diff.max()) if diff.numel() else 0.0
    if index is None:
        return None
    return Mismatch(
        "values",
        f"{path}: {int(bad.sum())} of {bad.numel()} values are off (tolerance "
        f"{atol:g} + {rtol:g}·|expected|); the first at {index}: expected "
        f"{_item(expected, index)}, got {_item(got, index)}; largest difference "
        f"{max_diff:.4g}.",
        max_abs_diff=max_diff,
        mismatch_index=index,
    )


def _item(t: torch.Tensor, index: list[int] | None) -> str:
    value = t[tuple(index)].item() if index else t.item()
    return f"{value:.6g}" if isinstance(value, float) else repr(value)
