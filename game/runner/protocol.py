"""Messages between the game (UI process) and the runner service, and the result format of
`torchenstein check --json`. PURE: must not import pygame or torch.

Versioned: bump SCHEMA_VERSION when a field changes meaning.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from game.content.puzzle_models import Rules

SCHEMA_VERSION = 1

Verdict = Literal["pass", "fail", "error", "timeout", "memory", "output_limit", "rule_violation"]
VERDICTS: tuple[str, ...] = Verdict.__args__  # type: ignore[attr-defined]
CaseStatus = Literal["pass", "fail", "error", "skipped"]
CaseKind = Literal["example", "hidden", "edge"]
Mode = Literal["try", "submit"]
FailureClass = Literal[
    "shape",
    "dtype",
    "device",
    "values",
    "nan",
    "type",
    "exception",
    "timeout",
    "memory",
    "rule",
    "missing_function",
    "syntax",
    "output_limit",
    "tampering",
]

# Most instructive first: a run with both a shape and a value failure shows the shape one.
FAILURE_PRIORITY: tuple[FailureClass, ...] = (
    "syntax",
    "missing_function",
    "rule",
    "tampering",
    "exception",
    "type",
    "shape",
    "dtype",
    "device",
    "nan",
    "values",
    "timeout",
    "memory",
    "output_limit",
)


class TensorPreview(BaseModel):
    """Enough of a tensor to draw it: all values when small, else a heatmap and summary."""

    shape: list[int]
    dtype: str
    device: str
    values: Any = Field(
        default=None, description="Nested lists of numbers when numel <= 256, else null."
    )
    heatmap: list[list[float]] | None = Field(
        default=None, description="A downsampled 2-D grid (at most 32x32) for larger tensors."
    )
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    nan_count: int = 0
    inf_count: int = 0


class ValuePreview(BaseModel):
    """A returned or input value: a tensor, a scalar, or a tuple/list/dict of those."""

    kind: Literal["tensor", "scalar", "sequence", "mapping", "none", "other"]
    text: str = Field(description="A short human-readable rendering.")
    tensor: TensorPreview | None = None
    items: list[ValuePreview] | None = None
    keys: list[str] | None = None


class TraceOp(BaseModel):
    """One torch call the player's code made, for the shape trace."""

    op: str
    line: int | None = None
    inputs: list[str] = Field(default_factory=list, description="e.g. 'float32[3, 4]'.")
    outputs: list[str] = Field(default_factory=list)


class CaseResult(BaseModel):
    name: str
    kind: CaseKind = "hidden"
    status: CaseStatus
    message: str = ""
    failure_class: FailureClass | None = None
    inputs: list[ValuePreview] | None = None
    expected: ValuePreview | None = None
    got: ValuePreview | None = None
    max_abs_diff: float | None = None
    mismatch_index: list[int] | None = None
    line: int | None = Field(default=None, description="Player's line the failure points at.")
    traceback: str | None = Field(default=None, description="Cut to the player's own frames.")
    trace: list[TraceOp] | None = None
    size: int | None = Field(
        default=None,
        description="How big the case's inputs are (elements of its tensors plus its integers): "
        "failures are shown smallest first.",
    )
    shrunk_from: str | None = Field(
        default=None,
        description="For a case the runner made by shrinking a failing random case: that "
        "case's name.",
    )


class FailureGroup(BaseModel):
    """Failing cases of one kind, smallest first: the feedback shows the first in detail."""

    failure_class: FailureClass
    cases: list[int] = Field(description="Indices into `RunResult.cases`, smallest first.")


class Metrics(BaseModel):
    """Scores of a run (lower is better)."""

    duration_ms: float = 0.0
    time_ms: float | None = Field(default=None, description="Median time of the entry function.")
    ops: int | None = Field(
        default=None,
        description="torch (aten) ops dispatched by one call of the entry function: the most "
        "over the visible examples, so it is comparable between runs and with the reference.",
    )
    peak_memory_bytes: int | None = Field(
        default=None,
        description="Peak bytes held by tensors the code allocated during one call (the most "
        "over the visible examples).",
    )
    code_lines: int = 0
    code_chars: int = 0


class RunRequest(BaseModel):
    type: Literal["run"] = "run"
    job: str
    puzzle: str
    code: str
    device: str = "auto"
    mode: Mode = "submit"
    solutions: dict[str, str] = Field(
        default_factory=dict,
        description="The player's passing answers by puzzle id, for the puzzle's `tools` "
        "(the runner re-checks each against its own puzzle's rules).",
    )


class CancelRequest(BaseModel):
    type: Literal["cancel"] = "cancel"
    job: str


class RunResult(BaseModel):
    """The verdict of one run. `torchenstein check --json` prints exactly this."""

    schema_version: int = SCHEMA_VERSION
    puzzle: str
    device: str
    mode: Mode = "submit"
    verdict: Verdict
    message: str = Field(default="", description="One-sentence summary for the player.")
    line: int | None = Field(default=None, description="Line of a syntax error or rule violation.")
    cases: list[CaseResult] = Field(default_factory=list)
    metrics: Metrics = Field(default_factory=Metrics)
    duration_ms: float = 0.0
    stdout: str = Field(default="", description="What the player's code printed (capped).")
    stdout_truncated: bool = False
    groups: list[FailureGroup] = Field(
        default_factory=list,
        description="The failing cases grouped by failure class, most instructive class first.",
    )
    rules: Rules | None = Field(
        default=None,
        description="The puzzle's rules, so feedback never suggests what they refuse.",
    )
    reference_metrics: Metrics | None = Field(
        default=None,
        description="The reference solution's metrics, measured the same way on the same device, "
        "so the game can show the player's scores beside the Professor's.",
    )
    sandbox: list[str] = Field(
        default_factory=list,
        description="The protections the run actually had (e.g. `user-ns`, `pid-ns`, "
        "`landlock-fs`, `seccomp`; `no-namespaces (...)` says why a layer is missing). Empty "
        "when no sandbox was started (static rule errors).",
    )


class JobEvent(BaseModel):
    """What the service sends back: progress while running, then exactly one result."""

    job: str
    kind: Literal["started", "progress", "result", "cancelled", "error", "examples", "devices"]
    done: int = 0
    total: int = 0
    result: RunResult | None = None
    message: str = ""
    examples: list[CaseResult] | None = Field(
        default=None,
        description="For kind `examples` (answer to a describe request): the visible examples "
        "with their inputs and expected outputs as previews.",
    )
    devices: list[str] | None = Field(
        default=None, description="For kind `devices`: the devices the runner service found."
    )


class DescribeRequest(BaseModel):
    """Ask for a puzzle's visible examples (inputs and expected outputs) to draw in the brief."""

    type: Literal["describe"] = "describe"
    job: str
    puzzle: str
