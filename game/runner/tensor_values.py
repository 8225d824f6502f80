"""How far a returned tensor's values are from the expected ones, once its shape and dtype are
right: exact for integers and bools, within the case's tolerance for floating point (complex
as pairs of reals), NaN and inf handled explicitly; the first index off is named.
Imports torch; never pygame.
"""

from __future__ import annotations

from dataclasses import replace

import torch

from game.runner.policy import Mismatch, Policy, magnitude


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


def compare_values(
    expected: torch.Tensor, got: torch.Tensor, policy: Policy, path: str
) -> Mismatch | None:
    """None when `got` (of the expected shape and a dtype the policy accepts) is close enough."""
    if torch.equal(expected, got):
        return None  # equal values sit inside every tolerance; the rest only measures a miss
    return values_mismatch(expected, got, policy, path)


def values_mismatch(
    expected: torch.Tensor, got: torch.Tensor, policy: Policy, path: str
) -> Mismatch | None:
    if expected.is_complex() or got.is_complex():
        atol, rtol = policy.tolerance(expected.dtype, magnitude(expected))
        e = torch.view_as_real(expected.to(torch.complex128))
        g = torch.view_as_real(got.to(torch.complex128))
        real_policy = replace(policy, atol=atol, rtol=rtol)
        return values_mismatch(e, g, real_policy, path)
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
