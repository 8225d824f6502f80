"""The puzzle format: `puzzles/<id>/puzzle.yaml` beside `brief.md`, `starter.py`,
`reference.py`, `cases.py` and optionally `support.py`.

- `brief.md`: shown beside the editor (Markdown: headings, lists, `code`, fenced code).
- `starter.py`: the code the editor opens with. It must define the entry function and fail.
- `reference.py`: the model solution. Never shown, never sent to the sandbox.
- `cases.py`: how inputs are made. It defines `examples() -> list[Case]` (shown to the player),
  `random_case(g: torch.Generator) -> Case` (called `hidden_cases` times with one generator
  seeded from the puzzle's files and the player's code, so the same code always meets the same
  cases) and optionally `edge_cases() -> list[Case]`. `Case` comes from
  `game.runner.casekit`.
- `support.py` (optional): a helper module the player's code may `import support` from, e.g.
  a model definition. It is visible to the player and runs in the sandbox.

These models are the single source of truth; their field descriptions are the modder's
reference. Must not import pygame or torch.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from game.content.base import Ident, StrictModel

Device = Literal["cpu", "cuda", "mps"]
Metric = Literal["ops", "code_lines", "code_chars", "peak_memory_bytes", "time_ms"]


class Tolerance(StrictModel):
    """How close floating-point outputs must be: |got - expected| <= atol + rtol * |expected|,
    with atol and rtol never below the rounding limit of the case's magnitude."""

    atol: float = Field(ge=0, description="Absolute tolerance.")
    rtol: float = Field(ge=0, description="Relative tolerance.")


class Rules(StrictModel):
    """Restrictions on the player's code, checked statically (AST) and while it runs."""

    forbidden: list[str] = Field(
        default_factory=list,
        description="Functions or modules the code may not use, by dotted name, e.g. "
        "`torch.nn.functional.gelu` or `torch.einsum`. Aliases and attribute access are caught.",
    )
    forbid_loops: bool = Field(
        default=False, description="No `for`/`while` loops and no comprehensions."
    )
    allowed_imports: list[str] = Field(
        default_factory=lambda: ["torch", "math"],
        description="Top-level modules the code may import besides the always-safe standard "
        "library ones (`__future__`, `typing`, `dataclasses`, `functools`, `itertools`, "
        "`operator`, `collections`, `math`, `re`, `string`, `enum`) and `support` when the "
        "puzzle has a `support.py`. A `forbidden` entry naming a module refuses it anyway.",
    )
    max_lines: int | None = Field(
        default=None, ge=1, description="Most non-blank, non-comment lines allowed."
    )


class Limits(StrictModel):
    """Resources one run may use."""

    time_s: float = Field(
        default=5.0, gt=0, le=120, description="Wall-clock seconds for all cases."
    )
    memory_mb: int = Field(default=3072, ge=256, description="Address-space cap for the sandbox.")
    processes: int = Field(
        default=0,
        ge=0,
        le=8,
        description="Child processes the code may start, e.g. DataLoader workers (0 = none).",
    )
    peak_tensor_bytes: int | None = Field(
        default=None,
        ge=1,
        description="A budget on the peak memory held by tensors the player's code allocates "
        "during one case; exceeding it fails the case (for memory-efficiency puzzles).",
    )


class Goal(StrictModel):
    """An optional challenge beyond passing, e.g. 'at most 3 torch ops'."""

    id: Ident = Field(description="Goal id, unique within the puzzle (saves record it).")
    text: str = Field(description="What the player sees, e.g. 'Three ops or fewer'.")
    metric: Metric = Field(description="Which score the goal is about.")
    max: float = Field(description="The score must be at most this.")


class Puzzle(StrictModel):
    """`puzzles/<id>/puzzle.yaml`: everything about a puzzle except its code and brief."""

    id: Ident = Field(description="Puzzle id; equals the folder name.")
    title: str = Field(description="Title shown in the terminal and the lab notebook.")
    chapter: Ident = Field(description="Act id where the puzzle appears, e.g. `prologue`.")
    topic: str = Field(description="What it teaches, e.g. 'tensor creation, dtype, device'.")
    difficulty: int = Field(default=1, ge=1, le=5, description="1 (first steps) to 5 (boss).")
    entry: str = Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="Name of the function the player writes."
    )
    signature: str = Field(description="Its signature as shown, e.g. `summon(n: int) -> Tensor`.")
    devices: list[Device] = Field(
        default_factory=lambda: ["cpu", "cuda", "mps"],
        min_length=1,
        description="Devices the puzzle can be checked on. `cpu` must be included so every "
        "puzzle is playable without a GPU.",
    )
    hidden_cases: int = Field(
        default=6, ge=0, le=200, description="How many random hidden cases each submission gets."
    )
    tolerance: Tolerance | None = Field(
        default=None,
        description="The tolerance's floor, instead of the per-dtype defaults. The checker "
        "still widens it to a few rounding steps of each case's largest number (see \"How "
        'close is close enough"), so it cannot refuse a correct float32 answer.',
    )
    check_dtype: bool = Field(default=True, description="Outputs must have the expected dtype.")
    check_device: bool = Field(
        default=True, description="Tensor outputs must be on the run's device."
    )
    grad_check: bool = Field(
        default=False,
        description="Also compare gradients: float inputs get requires_grad, the sum of the "
        "outputs is back-propagated, and input grads are compared with the reference's (fp64).",
    )
    uses_parameters: list[str] = Field(
        default_factory=list,
        description="Parameters of the entry function (as named in `signature`) that the "
        "player's code must read, checked statically: for an argument such as `device` whose "
        "neglect a CPU-only check cannot see.",
    )
    detached_outputs: bool = Field(
        default=False,
        description="Returned tensors must have no graph attached (`requires_grad` False), for "
        "puzzles whose brief asks for plain results after a backward pass. Not with "
        "`grad_check`, which needs the graph.",
    )
    rules: Rules = Field(default_factory=Rules, description="Restrictions on the code.")
    limits: Limits = Field(default_factory=Limits, description="Resources per run.")
    hints: list[str] = Field(
        min_length=1, description="Hints from a nudge to a near-answer; unlocked one at a time."
    )
    goals: list[Goal] = Field(default_factory=list, description="Optional score challenges.")

    @model_validator(mode="after")
    def _cpu_always(self) -> Puzzle:
        if "cpu" not in self.devices:
            raise ValueError("`devices` must include `cpu` so the puzzle is playable without a GPU")
        if self.detached_outputs and self.grad_check:
            raise ValueError("`detached_outputs` and `grad_check` exclude each other")
        return self
