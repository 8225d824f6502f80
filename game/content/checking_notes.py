"""The "How it is checked" section every brief ends with, written from `puzzle.yaml` so it
can never drift from what the runner enforces: tolerance, dtype and device checks, gradients,
allowed imports, rules, limits and how many hidden cases a submission meets.

Must not import pygame or torch.
"""

from __future__ import annotations

from typing import Any

from game.content.imports import importable
from game.content.puzzle_models import Limits, Puzzle, Rules
from game.content.tolerance import DEFAULT_TOLERANCE, EPS, ROUNDING_STEPS

HEADING = "## How it is checked"

# Fields this module words by hand; any other rule or limit is listed by name and value, so a
# field added to the models later still shows up here.
_WORDED_RULES = {"forbidden", "forbid_loops", "allowed_imports", "max_lines"}
_WORDED_LIMITS = {"time_s", "memory_mb", "processes", "peak_tensor_bytes"}


def _code(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _tolerance(model: Puzzle) -> str:
    if model.tolerance is not None:
        floor = (
            f"atol = {model.tolerance.atol:g} and rtol = {model.tolerance.rtol:g} (this puzzle's "
            "own; a case may set its own)"
        )
    else:
        f32, f64 = DEFAULT_TOLERANCE["float32"], DEFAULT_TOLERANCE["float64"]
        floor = (
            f"atol = {f32[0]:g}, rtol = {f32[1]:g} for float32 and atol = {f64[0]:g}, "
            f"rtol = {f64[1]:g} for float64 (the defaults)"
        )
    step = ROUNDING_STEPS * EPS["float32"]
    return (
        "- **Numbers**: a float passes when |yours - expected| <= atol + rtol * |expected|, "
        f"with {floor}. Neither is ever tighter than {ROUNDING_STEPS:g} rounding steps of the "
        "case's largest input or expected number (float32 inputs near 1e4 get an atol of about "
        f"{step * 1e4:.1g}), so any correct, stable formula passes. Integers and booleans "
        "must match exactly."
    )


def _types(model: Puzzle) -> str:
    dtype = "must have the expected dtype" if model.check_dtype else "may have any dtype"
    device = (
        "must be on the device the check runs on" if model.check_device else "may be on any device"
    )
    text = (
        "- **Types**: tensors must be plain `torch.Tensor`s of the expected shape; they "
        f"{dtype} and {device}."
    )
    if model.detached_outputs:
        text += " They must have no graph attached (`requires_grad` is `False`)."
    if model.uses_parameters:
        text += (
            f" Your code must use its {_code(model.uses_parameters)} "
            f"argument{'s' if len(model.uses_parameters) > 1 else ''} (checked in the code "
            "itself, so on every machine)."
        )
    return text


def _gradients(model: Puzzle) -> str:
    if not model.grad_check:
        return "- **Gradients**: not compared; only the values you return."
    return (
        "- **Gradients**: every floating-point input gets `requires_grad`, the sum of your "
        "outputs is back-propagated, and each input's `.grad` is compared with the one from "
        "the Professor's solution (computed in float64), under the same tolerance. Keep your "
        "outputs connected to the inputs: no `.detach()`, `.item()`, `torch.tensor(x)` or "
        "`load_state_dict` copies."
    )


def _extra(model: Rules | Limits, worded: set[str]) -> list[str]:
    lines = []
    for name, info in type(model).model_fields.items():
        value: Any = getattr(model, name)
        if name in worded or value == info.get_default(call_default_factory=True):
            continue
        lines.append(f"  - `{name}`: {value}")
    return lines


def _rules(model: Puzzle, has_support: bool) -> list[str]:
    rules = model.rules
    lines = [f"- **Imports**: you may import {_code(importable(rules, has_support))}."]
    if rules.forbidden:
        lines.append(
            f"- **Forbidden** (also through aliases and methods): {_code(rules.forbidden)}."
        )
    if rules.forbid_loops:
        lines.append("- **No Python loops**: no `for`, `while` or comprehensions.")
    if rules.max_lines is not None:
        lines.append(
            f"- **At most {rules.max_lines} lines of code** (blank lines and comments are free)."
        )
    extra = _extra(rules, _WORDED_RULES)
    if extra:
        lines += ["- **Other rules**:", *extra]
    return lines


def _limits(model: Puzzle) -> list[str]:
    lim = model.limits
    parts = [f"{lim.time_s:g} s for the whole run", f"{lim.memory_mb} MB of memory"]
    parts.append(f"{lim.processes} child processes" if lim.processes else "no child processes")
    lines = [f"- **Limits**: {', '.join(parts)}."]
    if lim.peak_tensor_bytes is not None:
        lines.append(
            f"- **Memory budget**: at its peak during one case, your code may hold at most "
            f"{lim.peak_tensor_bytes:,} bytes of tensors it allocated "
            f"({lim.peak_tensor_bytes / 2**20:.3g} MiB); more fails the case."
        )
    extra = _extra(lim, _WORDED_LIMITS)
    if extra:
        lines += ["- **Other limits**:", *extra]
    return lines


def _cases(model: Puzzle) -> str:
    return (
        "- **Cases**: Try runs the visible examples. Submit runs them, then "
        f"{model.hidden_cases} hidden random cases, then the puzzle's edge cases. The hidden "
        "cases are drawn from the puzzle's version and your code, exactly as written, so the "
        "same code always meets the same cases, and a verdict never flips between runs."
    )


def checking_section(model: Puzzle, has_support: bool) -> str:
    """The Markdown section, starting with its heading."""
    devices = ", ".join(model.devices)
    lines = [
        HEADING,
        "",
        f"Checked on {devices} (whichever you choose and have).",
        "",
        _cases(model),
        _types(model),
        _tolerance(model),
        _gradients(model),
        *_rules(model, has_support),
        *_limits(model),
    ]
    return "\n".join(lines) + "\n"


def with_checking_section(brief: str, model: Puzzle, has_support: bool) -> str:
    """The brief as the player reads it: the author's text, then the generated section."""
    return brief.rstrip() + "\n\n" + checking_section(model, has_support)
