"""Version numbers and the small specifier language mods use: `>=0.1, <1.0`, `==0.2.*`, `*`.

Deliberately tiny (dotted integers only) so mod manifests stay readable and no packaging
library is needed at run time. Must not import pygame or torch.
"""

from __future__ import annotations

import re

VERSION_PATTERN = r"^\d+(\.\d+){0,3}$"
_CLAUSE = re.compile(r"^\s*(>=|<=|==|!=|>|<|~=)?\s*(\d+(?:\.\d+){0,3})(\.\*)?\s*$")


def parse_version(text: str) -> tuple[int, ...]:
    """`"0.1.2"` -> (0, 1, 2). Raises ValueError on anything else."""
    if not re.match(VERSION_PATTERN, text.strip()):
        raise ValueError(f"`{text}` is not a version like `1.2.0`")
    return tuple(int(p) for p in text.strip().split("."))


def _pad(v: tuple[int, ...], n: int) -> tuple[int, ...]:
    return v + (0,) * (n - len(v))


def _clause_holds(op: str, want: tuple[int, ...], wildcard: bool, have: tuple[int, ...]) -> bool:
    if wildcard:  # `==0.2.*` fixes the leading parts only
        same = have[: len(want)] == want
        return not same if op == "!=" else same
    n = max(len(want), len(have))
    a, b = _pad(have, n), _pad(want, n)
    if op == "~=":  # compatible release: >= want, and the same up to its last part
        return a >= b and have[: len(want) - 1] == want[: len(want) - 1]
    return {
        ">=": a >= b,
        "<=": a <= b,
        ">": a > b,
        "<": a < b,
        "==": a == b,
        "!=": a != b,
    }[op]


def matches(spec: str, version: str) -> bool:
    """Does `version` satisfy every comma-separated clause of `spec`? Raises ValueError on a
    malformed spec."""
    have = parse_version(version)
    if spec.strip() in ("", "*"):
        return True
    for clause in spec.split(","):
        m = _CLAUSE.match(clause)
        if not m:
            raise ValueError(f"`{clause.strip()}` is not a version clause like `>=0.1`")
        op, number, wildcard = m.group(1) or "==", m.group(2), bool(m.group(3))
        if not _clause_holds(op, parse_version(number), wildcard, have):
            return False
    return True


def check_spec(spec: str) -> str:
    """Return `spec` unchanged if it is well formed; raise ValueError naming the bad clause."""
    matches(spec, "0")
    return spec
