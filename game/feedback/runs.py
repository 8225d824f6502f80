"""What a run means for the terminal beyond the results panel: the gutter markers pinned to
the player's lines, and a runner's trouble (which may be a whole traceback) in plain words.
PURE: must not import pygame or torch.
"""

from __future__ import annotations

from game.runner.protocol import RunResult
from game.text import Marker, MarkerKind

MAX_TROUBLE_CHARS = 300


def markers_for(result: RunResult) -> list[Marker]:
    """One marker per line the run blames: the run's own line (syntax error, rule broken)
    first, then each failing case's line."""
    kind: MarkerKind = "rule" if result.verdict == "rule_violation" else "error"
    marks: dict[int, Marker] = {}
    if result.line:
        marks[result.line] = Marker(result.line, result.message, kind)
    for case in result.cases:
        if case.line and case.status != "pass" and case.line not in marks:
            marks[case.line] = Marker(case.line, case.message or case.status, "error")
    return list(marks.values())


def plain_trouble(message: str) -> str:
    """The runner's complaint as a sentence or two: a traceback's last line, cut short."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "The runner failed without saying why."
    said = lines[-1] if lines[0].startswith("Traceback") else " ".join(lines)
    return said if len(said) <= MAX_TROUBLE_CHARS else said[: MAX_TROUBLE_CHARS - 1] + "…"
