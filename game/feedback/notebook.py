"""What the lab notebook lists: each solved puzzle with its title, act, the player's best and
first solutions, best scores, which goals those scores meet, and the Professor's annotated
solution (`puzzles/<id>/solution.md`) once the puzzle is solved. PURE: must not import pygame or
torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.content.library import ContentLibrary
from game.feedback.numbers import METRIC_LABELS, fmt_metric
from game.feedback.scores import SCORE_METRICS, GoalStatus, evaluate_goals
from game.story.state import GameState, PuzzleProgress

_CODE = re.compile(r"^```python[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class ProfessorSolution:
    """A puzzle's `solution.md`: the code of its first python block, and the notes around it."""

    code: str
    notes: list[str]


def read_solution(folder: Path) -> ProfessorSolution | None:
    """The Professor's annotated solution in `folder`, or None when there is none."""
    try:
        text = (folder / "solution.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _CODE.search(text)
    if found is None:
        return None
    rest = text[: found.start()] + text[found.end() :]
    notes = [line.rstrip() for line in rest.splitlines() if not line.startswith("# ")]
    while notes and not notes[0]:
        notes.pop(0)
    return ProfessorSolution(found.group(1).rstrip(), notes)


@dataclass(frozen=True)
class NotebookEntry:
    puzzle_id: str
    title: str
    act: str
    topic: str
    progress: PuzzleProgress
    goals: list[GoalStatus]
    hints_total: int
    loaded: bool  # False when the puzzle's content (e.g. a mod) is no longer installed
    professor: ProfessorSolution | None = None  # shown only after a pass: entries are solved

    @property
    def goals_met(self) -> int:
        return sum(g.met is True for g in self.goals)

    @property
    def best_code(self) -> str | None:
        return self.progress.best_solution or self.progress.solution

    @property
    def first_differs(self) -> bool:
        """Whether the first passing code is not the best one (so both are worth showing)."""
        return self.progress.solution is not None and self.best_code != self.progress.solution

    def solution_lines(self, first: bool = False) -> list[str]:
        """What the notebook says about the shown solution: its title, then its scores."""
        progress = self.progress
        if not self.first_differs:
            return ["Your solution (your first, and still your best)"]
        if first:
            return ["Your first solution"]
        scores = progress.best_solution_scores
        figures = [fmt_metric(name, scores[name]) for name in SCORE_METRICS if name in scores]
        return ["Your best solution"] + ([" · ".join(figures)] if figures else [])

    def score_lines(self) -> list[str]:
        best = self.progress.best
        return [
            f"{METRIC_LABELS[name]}: {fmt_metric(name, best[name])}"
            for name in SCORE_METRICS
            if name in best
        ]

    def summary(self) -> str:
        bits = []
        if self.goals:
            bits.append(f"{self.goals_met}/{len(self.goals)} goals")
        for name in ("ops", "code_lines"):
            if name in self.progress.best:
                bits.append(fmt_metric(name, self.progress.best[name]))
        return " · ".join(bits) or "no scores yet"


def notebook_entries(state: GameState, library: ContentLibrary) -> list[NotebookEntry]:
    """Solved puzzles in story order (by act, then difficulty), then any no longer loaded."""
    manifest_acts = library.acts
    acts = {a.id: a.title for a in manifest_acts}
    order = {a.id: i for i, a in enumerate(manifest_acts)}
    entries = []
    ranked = sorted(
        library.puzzles.items(),
        key=lambda item: (
            order.get(item[1].model.chapter, len(order)),
            item[1].model.difficulty,
            item[1].model.title,
        ),
    )
    for puzzle_id, entry in ranked:
        progress = state.puzzles.get(puzzle_id)
        if progress is None or not progress.solved:
            continue
        model = entry.model
        entries.append(
            NotebookEntry(
                puzzle_id,
                model.title,
                acts.get(model.chapter, model.chapter),
                model.topic,
                progress,
                evaluate_goals(model.goals, progress.best),
                len(model.hints),
                True,
                read_solution(entry.folder),
            )
        )
    for puzzle_id, progress in state.puzzles.items():
        if progress.solved and puzzle_id not in library.puzzles:
            entries.append(NotebookEntry(puzzle_id, puzzle_id, "", "", progress, [], 0, False))
    return entries


def passing_solutions(state: GameState, puzzle_ids: list[str]) -> dict[str, str]:
    """The player's passing code (best, else first) for each of these puzzles they solved:
    what a puzzle's `tools` hands to the runner."""
    out: dict[str, str] = {}
    for puzzle_id in puzzle_ids:
        progress = state.puzzles.get(puzzle_id)
        code = (progress.best_solution or progress.solution) if progress else None
        if progress is not None and progress.solved and code:
            out[puzzle_id] = code
    return out
