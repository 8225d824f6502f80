"""The tolerance rule's numbers, written once: the per-dtype floors and how many rounding steps
of a case's largest number a correct answer may drift. The runner's comparison applies them
(`game.runner.policy`, `game.runner.tensor_values`); the brief's "How it is checked" section
and MODDING.md quote them. Must not import pygame or torch (dtypes are named by their torch spelling).
"""

from __future__ import annotations

# (atol, rtol) floors per dtype, used when a puzzle declares no `tolerance`; looser than
# torch.testing's because player code may sum in another order.
DEFAULT_TOLERANCE: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-2),
    "bfloat16": (1e-2, 2e-2),
    "float32": (1e-5, 1e-4),
    "float64": (1e-8, 1e-6),
    "complex64": (1e-5, 1e-4),
    "complex128": (1e-8, 1e-6),
}

# Machine epsilon (the gap between 1 and the next number) of each floating dtype.
EPS: dict[str, float] = {
    "float16": 2.0**-10,
    "bfloat16": 2.0**-7,
    "float32": 2.0**-23,
    "float64": 2.0**-52,
    "complex64": 2.0**-23,
    "complex128": 2.0**-52,
}

# How many rounding steps (eps times the case's largest magnitude) a correct answer may drift:
# a handful of dependent ops (shift, exp, sum, log, subtract) each add about one.
ROUNDING_STEPS = 4.0


def widened(dtype: str, floor: tuple[float, float], scale: float) -> tuple[float, float]:
    """(atol, rtol) for values of `dtype` whose case's largest finite magnitude (inputs and
    expected value) is `scale`: the floor, widened to ROUNDING_STEPS rounding steps."""
    atol, rtol = floor
    eps = EPS.get(dtype)
    if eps is None:  # integers and booleans compare exactly
        return atol, rtol
    step = ROUNDING_STEPS * eps
    return max(atol, step * scale), max(rtol, step)
