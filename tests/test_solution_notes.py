"""The Professor's annotated solutions: every non-drill puzzle ships `puzzles/<id>/solution.md`,
its python block (read the way the lab notebook reads it) passes the puzzle, and notes follow it.

The notebook shows this file only after a pass, so a solution that fails its own puzzle would
teach a wrong answer at the very moment the player trusts it most. Checks go through the one warm
in-process runner (`check_code`) on the CPU with fixed seeds, so the test is deterministic.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.feedback.notebook import read_solution
from game.runner.check import check_code

REPO = Path(__file__).resolve().parent.parent
PUZZLES = REPO / "puzzles"
# Drill puzzles belong to their own author and suite; every other puzzle needs the Professor's notes.
PUZZLE_IDS = sorted(
    p.name for p in PUZZLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_", "drill_"))
)
SEEDS = (0,)


@pytest.mark.parametrize("puzzle_id", PUZZLE_IDS)
def test_professor_solution_passes_and_is_annotated(puzzle_id: str) -> None:
    solution = read_solution(PUZZLES / puzzle_id)
    assert solution is not None, (
        f"puzzles/{puzzle_id}/solution.md is missing or has no ```python block"
    )
    assert sum(1 for line in solution.notes if line.strip()) >= 3, (
        f"puzzles/{puzzle_id}/solution.md needs notes on why the code is written that way"
    )
    for seed in SEEDS:
        result = check_code(puzzle_id, solution.code, roots=[REPO], device="cpu", seed=seed)
        failing = [f"{c.name}: {c.status} {c.message}" for c in result.cases if c.status != "pass"]
        assert result.verdict == "pass", (
            f"{puzzle_id} (seed {seed}): {result.verdict}: {result.message}\n"
            + "\n".join(failing[:5])
        )
