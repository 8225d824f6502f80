"""The fairness suite: for every shipped puzzle, correct solutions written in other styles than
the Professor's reference (einsum vs matmul, functional vs module, in place vs not, a helper,
another stable formula), each of which must pass, three runs in a row.

Solutions live in `tests/fairness/<puzzle_id>/<style>.py` and start with `# style: <what
differs>`. Every folder under `puzzles/` needs at least two, so a new puzzle without them fails
here with a clear message. All checks go through the one warm in-process runner (`check_code`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.runner.check import check_code
from game.runner.protocol import RunResult

REPO = Path(__file__).resolve().parent.parent
PUZZLES = REPO / "puzzles"
FAIRNESS = Path(__file__).resolve().parent / "fairness"
RUNS = 3
PUZZLE_IDS = sorted(
    p.name for p in PUZZLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
)
SOLUTIONS = sorted(FAIRNESS.glob("*/*.py"))


def _explain(result: RunResult) -> str:
    bad = [f"{c.name}: {c.status} {c.message}" for c in result.cases if c.status != "pass"]
    return f"{result.verdict}: {result.message}\n" + "\n".join(bad[:5])


def _same_code(a: str, b: str) -> bool:
    return ast.dump(ast.parse(a)) == ast.dump(ast.parse(b))


@pytest.mark.parametrize("puzzle_id", PUZZLE_IDS)
def test_every_puzzle_has_two_alternative_solutions(puzzle_id: str) -> None:
    found = sorted((FAIRNESS / puzzle_id).glob("*.py"))
    assert len(found) >= 2, (
        f"puzzle `{puzzle_id}` needs at least two correct solutions in other styles than its "
        f"reference under tests/fairness/{puzzle_id}/ (found {len(found)})"
    )
    reference = (PUZZLES / puzzle_id / "reference.py").read_text(encoding="utf-8")
    for path in found:
        assert not _same_code(path.read_text(encoding="utf-8"), reference), (
            f"{path.name} is the reference again, not another style"
        )


@pytest.mark.parametrize("path", SOLUTIONS, ids=[f"{p.parent.name}/{p.stem}" for p in SOLUTIONS])
def test_alternative_solution_passes_three_runs_in_a_row(path: Path) -> None:
    code = path.read_text(encoding="utf-8")
    assert code.startswith("# style: "), f"{path.name} must begin with `# style: <what differs>`"
    puzzle_id = path.parent.name
    assert (PUZZLES / puzzle_id).is_dir(), f"no puzzle `{puzzle_id}` for {path.name}"
    verdicts = []
    for _ in range(RUNS):  # no seed: the game's own code-derived one, as a player meets it
        result = check_code(puzzle_id, code, device="cpu", roots=[REPO])
        assert result.verdict == "pass", f"{puzzle_id}/{path.name}: {_explain(result)}"
        verdicts.append([(c.name, c.status) for c in result.cases])
    assert verdicts[0] == verdicts[1] == verdicts[2], "the same code met different cases"
