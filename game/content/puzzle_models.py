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
_ALL_DEVICES: tuple[Device, ...] = ("cpu", "cuda", "mps")
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
    allow: list[str] | None = Field(
        default=None,
        description="An allow-list: when set, the code may use only these operations on "
        "tensors and everything else from torch is refused. Name groups (`arithmetic`, "
        "`matmul`, `comparison`, `logic`, `indexing`, `shape`, `iteration`) and single "
        "functions or methods by dotted name (`torch.arange`, `torch.where`, "
        "`torch.Tensor.long`). Operators are matched by how they are written, so allowing "
        "`arithmetic` allows `a * b` but not `a.mul(b)`.",
    )
    forbid_loops: bool = Field(
        default=False,
        description="No Python loops: no `for`/`while`, no comprehensions, and no loops in "
        "disguise (`sum()`, `map()`, `filter()`, `range()`, `zip()`, `enumerate()`, "
        "`functools.reduce`, looping over a tensor's items).",
    )
    forbid_recursion: bool = Field(
        default=False,
        description="No function of the player's may call itself, directly or through another.",
    )
    allowed_imports: list[str] = Field(
        default_factory=lambda: ["torch", "math"],
        description="Top-level modules the code may import besides the always-safe standard "
        "library ones (`__future__`, `typing`, `dataclasses`, `functools`, `itertools`, "
        "`operator`, `collections`, `math`, `re`, `string`, `enum`), `support` when the "
        "puzzle has a support module and `tools` when it offers earlier answers as tools. A "
        "`forbidden` entry naming a module refuses it anyway.",
    )
    max_lines: int | None = Field(
        default=None, ge=1, description="Most non-blank, non-comment lines in the whole file."
    )
    max_statements: int | None = Field(
        default=None,
        ge=1,
        description="Most statements in the body of the entry function (a docstring does not "
        "count; imports outside the function do not count). `1` means a one-liner: a single "
        "`return`.",
    )
    max_line_width: int | None = Field(
        default=None,
        ge=20,
        description="Most characters on any line of the entry function (its `def` line included).",
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


class Tool(StrictModel):
    """An earlier puzzle whose answer the player may import here: `from tools import <entry>`."""

    puzzle: Ident = Field(description="The earlier puzzle's id; its `entry` is the tool's name.")
    reference_stands_in: bool = Field(
        default=False,
        description="When the player has not solved that puzzle yet, the Professor's "
        "reference is lent instead (the player could then read it). Otherwise the tool is "
        "missing until the player solves it.",
    )


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
        default_factory=lambda: list(_ALL_DEVICES),
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
    dtype_match: Literal["strict", "kind"] = Field(
        default="strict",
        description="With `check_dtype`: `strict` wants the very dtype; `kind` accepts any "
        "dtype of the same kind (bool, integer, floating point, complex), e.g. int32 for int64.",
    )
    shape_match: Literal["exact", "broadcast"] = Field(
        default="exact",
        description="`exact`: the answer has the expected shape. `broadcast`: any shape that "
        "broadcasts to the expected one is accepted (e.g. `[1, 4]` for `[3, 4]`) and compared "
        "after broadcasting.",
    )
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
    tools: list[Tool] = Field(
        default_factory=list,
        description="Earlier puzzles whose passing answers the player may import with "
        "`from tools import <entry>`; shown in the terminal's toolbox with their signatures.",
    )
    support: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.py$",
        description="A support module shared by several puzzles of a mod, as a path inside "
        "the root's `puzzles/` folder, e.g. `_shared/helpers.py` (folders starting with `_` "
        "are not puzzles). Used when the puzzle has no `support.py` of its own; the player "
        "imports it as `support` and sees only what it defines.",
    )
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
