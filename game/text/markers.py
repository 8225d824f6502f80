"""A runner finding pinned to a line of the player's code (syntax error, exception, rule
violation), as the editor shows it. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

MarkerKind = Literal["error", "rule", "warning"]


@dataclass(frozen=True)
class Marker:
    """`line` is 1-based, as in tracebacks and `RunResult`; lines outside the text are shown on
    the nearest line rather than dropped."""

    line: int
    message: str
    kind: MarkerKind = "error"

    def __post_init__(self) -> None:
        if self.kind not in get_args(MarkerKind):
            raise ValueError(
                f"marker kind must be one of {get_args(MarkerKind)}, not {self.kind!r}"
            )
