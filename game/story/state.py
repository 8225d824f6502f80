"""GameState: everything about one playthrough that a save file holds.

Must not import pygame or torch.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator


class SolveRecord(BaseModel):
    """How a puzzle was solved, for scene conditions that notice the player's way of working
    (`Requires.solved_how`). Written at the first passing Submit, then widened by later ones."""

    hints: int = Field(description="Hints unlocked when the puzzle was first passed.")
    hints_total: int = Field(description="How many hints the puzzle offered then.")
    submits: int = Field(description="Submits up to and including the first pass (1: first try).")
    goals_met: list[str] = Field(
        default_factory=list, description="Goal ids met by some passing Submit so far."
    )
    beat_reference: bool = Field(
        default=False,
        description="Some passing Submit beat the reference solution's scores on balance.",
    )


class PuzzleProgress(BaseModel):
    """What the player has done on one puzzle."""

    solved: bool = False
    attempts: int = 0
    hints_used: int = 0
    best: dict[str, float] = Field(
        default_factory=dict, description="Best score per metric (lower is better)."
    )
    solution: str | None = Field(default=None, description="The code of the first passing run.")
    best_solution: str | None = Field(
        default=None,
        description="The code of the best-scoring passing run so far (see "
        "`game.feedback.scores.better_on_balance`); the first one until another beats it.",
    )
    best_solution_scores: dict[str, float] = Field(
        default_factory=dict, description="The scores of `best_solution`, to compare new runs with."
    )
    solve: SolveRecord | None = Field(
        default=None,
        description="How it was solved; None before the first pass (or in saves "
        "from before the record existed).",
    )

    @model_validator(mode="after")
    def _best_from_first(self) -> PuzzleProgress:
        # Saves from before `best_solution` existed: the first solution stands in for the best,
        # against the best scores on record (a bar a new run must clear to replace it).
        if self.best_solution is None and self.solution is not None:
            self.best_solution = self.solution
            self.best_solution_scores = dict(self.best)
        return self


class HistoryEntry(BaseModel):
    """One line the player has seen, for the backlog."""

    scene: str
    speaker: str | None
    text: str


class GameState(BaseModel):
    """A playthrough: where the story is, what it remembers and what the player typed."""

    scene: str
    node: str
    flags: list[str] = Field(default_factory=list)
    seen: list[str] = Field(default_factory=list, description="`scene:node` ids visited.")
    puzzles: dict[str, PuzzleProgress] = Field(default_factory=dict)
    drafts: dict[str, str] = Field(default_factory=dict, description="Editor text per puzzle.")
    history: list[HistoryEntry] = Field(default_factory=list)
    endings: list[str] = Field(default_factory=list, description="Endings reached.")
    play_seconds: float = 0.0

    def has_flag(self, flag: str) -> bool:
        return flag in self.flags

    def is_solved(self, puzzle_id: str) -> bool:
        progress = self.puzzles.get(puzzle_id)
        return bool(progress and progress.solved)

    def progress(self, puzzle_id: str) -> PuzzleProgress:
        return self.puzzles.setdefault(puzzle_id, PuzzleProgress())
