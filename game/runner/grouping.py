"""Shaping a run's failures for a learner: grouped by kind, smallest case first, and with
torch's internals (its source paths, "Triggered internally at" notes) cut out of messages.

Pure: reads `protocol` models only; must not import torch or pygame.
"""

from __future__ import annotations

import re

from game.runner.protocol import FAILURE_PRIORITY, CaseResult, FailureGroup

# A path is matched from the start of its word only (the lookbehind): tried from every position
# inside a long word, the scan would cost the square of the word's length
_INTERNAL = [
    re.compile(r"\s*\(Triggered internally at [^)]*\)\.?"),
    re.compile(r"(?<![^\s\"'])[^\s\"']*site-packages/torch/[^\s\"':]*(:\d+)?"),
    re.compile(r"(?<![^\s\"'])[^\s\"']*/torch/(_C|csrc|_tensor|overrides)[^\s\"':]*(:\d+)?"),
]
TEXT_MAX = 20_000  # a message or traceback from a run is cut here before anything reads it


def without_internals(text: str) -> str:
    """The message with torch's own file paths and build notes removed."""
    text = text[:TEXT_MAX]
    for pattern in _INTERNAL:
        text = pattern.sub("", text)
    return text.strip()


def group_failures(cases: list[CaseResult]) -> list[FailureGroup]:
    """Failing cases by failure class (most instructive class first), smallest case first
    within each; visible examples win ties, so the player can see them in the brief."""
    kinds = {"example": 0, "edge": 1, "hidden": 2}
    by_class: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        if case.status in ("fail", "error"):
            by_class.setdefault(case.failure_class or "exception", []).append(i)

    def order(cls: str) -> int:
        return FAILURE_PRIORITY.index(cls) if cls in FAILURE_PRIORITY else len(FAILURE_PRIORITY)

    groups = []
    for cls in sorted(by_class, key=order):
        members = sorted(
            by_class[cls],
            key=lambda i: (
                cases[i].size if cases[i].size is not None else 1 << 62,
                kinds.get(cases[i].kind, 3),
                i,
            ),
        )
        groups.append(FailureGroup(failure_class=cls, cases=members))  # type: ignore[arg-type]
    return groups
