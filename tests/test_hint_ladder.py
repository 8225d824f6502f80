"""Hints climb a ladder on every shipped puzzle (a question, then the trap, then a skeleton with
blanks), and lint warns when a hint hands over the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.hint_checks import BLANK, check_hints
from game.content.library import ContentLibrary, load_library
from game.content.lint import lint
from tests.test_lint import variant

REPO = Path(__file__).resolve().parent.parent
PUZZLE = "puzzles/add_one/"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library([REPO])


def test_every_shipped_puzzle_climbs_the_ladder(library: ContentLibrary) -> None:
    for pid, entry in library.puzzles.items():
        hints = entry.model.hints
        assert len(hints) >= 3, pid
        assert "?" in hints[0], f"{pid}: hint 1 should ask the question that points at the idea"
        assert BLANK in hints[-1], f"{pid}: the last hint should be a skeleton with blanks"
    assert check_hints(library) == []


def test_a_hint_that_is_the_answer_is_flagged(tmp_path: Path) -> None:
    root = variant(tmp_path, {PUZZLE + "puzzle.yaml": ('"`return x ____ 1`"', '"`return x + 1`"')})
    (ladder,) = [d for d in lint([root], run_puzzles=False) if d.code == "hint-ladder"]
    assert ladder.severity == "warning" and ladder.line == 10


def test_a_hint_that_spells_out_the_reference_is_flagged(tmp_path: Path) -> None:
    reference = (
        "import torch\n\n\ndef add_one(x: torch.Tensor) -> torch.Tensor:\n"
        "    shifted = x + torch.ones_like(x)\n    return shifted.to(x.dtype)\n"
    )
    hint = '"`shifted = x + torch.ones_like(x)`, then `return shifted.to(x.dtype)` ____"'
    root = variant(
        tmp_path,
        {PUZZLE + "puzzle.yaml": ('"`return x ____ 1`"', hint)},
        files={PUZZLE + "reference.py": reference},
    )
    (given,) = [d for d in lint([root], run_puzzles=False) if d.code == "hint-gives-answer"]
    assert given.severity == "warning" and "2 of the reference's 2" in given.message
