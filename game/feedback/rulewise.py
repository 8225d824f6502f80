"""Advice that respects the puzzle's rules: the Professor must never suggest `.long()` in a
puzzle that refuses it. A remedy is a list of alternatives ("pass dtype=..., or call
.long()"); alternatives that name a refused operation are dropped, and when none is left the
player is pointed at the operations the puzzle does allow.

PURE: must not import pygame or torch.
"""

from __future__ import annotations

import re

from game.content.oprules import OpPolicy
from game.content.puzzle_models import Rules

_METHOD = re.compile(r"(?<![\w)\]])\.([A-Za-z_]\w*)\(")
_TORCH = re.compile(r"\b(torch(?:\.[A-Za-z_]\w*)+)(?=\s*\()")
_ALTERNATIVES = re.compile(r"[,;]\s+or\s+")


def refused(text: str, rules: Rules) -> list[str]:
    """The operations `text` suggests that the rules refuse."""
    policy = OpPolicy.of(rules)
    out = []
    for name in _METHOD.findall(text):
        dotted = f"torch.Tensor.{name}"
        if policy.member(name, called=True) or any(
            dotted == f or dotted.startswith(f + ".") for f in rules.forbidden
        ):
            out.append(f".{name}()")
    for dotted in _TORCH.findall(text):
        if policy.function(dotted) or any(
            dotted == f or dotted.startswith(f + ".") for f in rules.forbidden
        ):
            out.append(dotted)
    return out


def within_rules(step: str, rules: Rules | None) -> str:
    """`step` without the alternatives the rules refuse."""
    if rules is None or not refused(step, rules):
        return step
    kept = [part for part in _ALTERNATIVES.split(step) if part and not refused(part, rules)]
    if kept:
        return "; or ".join(kept)
    allowed = ", ".join(f"`{a}`" for a in rules.allow) if rules.allow else ""
    tools = f" (allowed here: {allowed})" if allowed else ""
    return f"reach it with the operations this puzzle allows{tools}; the brief lists them"
