"""Every shipped puzzle, checked by the real runner on the CPU: its reference passes (and meets
each of the puzzle's goals, which proves them achievable), its starter does not pass, and every
wrong solution under `tests/wrong_solutions/<puzzle_id>/` fails for its recorded reason (its
golden header).

Golden failures: every wrong solution starts with `# expect: <failure_class> | <keyword>`: the
failure class the Professor must diagnose (`game.runner.protocol.FailureClass`) and a keyword
(a word or phrase, any case) that the player's feedback must contain: the failing case's name
and message, the run's summary or the Professor's reaction and next step. A wrong solution that
starts failing for another reason fails its test, so a change to the cases or the messages
that loses a diagnosis is caught.

Parametrised over the folders under `puzzles/` and the files under `tests/wrong_solutions/`,
so new puzzles and new wrong solutions are picked up without touching this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.content.puzzle_entry import PUZZLE_FILES
from game.content.puzzle_models import Puzzle
from game.feedback.classify import classify, primary_case
from game.feedback.professor import react
from game.runner.check import check_code
from game.runner.protocol import FailureClass, RunResult

REPO = Path(__file__).resolve().parent.parent
PUZZLES = REPO / "puzzles"
WRONG = Path(__file__).resolve().parent / "wrong_solutions"
SEED = 1818  # fixed, so a failure here reproduces; the game itself draws a fresh seed per run

PUZZLE_IDS = sorted(
    p.name for p in PUZZLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
)
WRONG_FILES = sorted(WRONG.glob("*/*.py"))
GOLDEN = re.compile(r"^# expect: (?P<cls>\w+) \| (?P<keyword>.+?)\s*$")
FAILURE_CLASSES = set(FailureClass.__args__)  # type: ignore[attr-defined]


def _check(puzzle_id: str, code: str, mode: str = "submit") -> RunResult:
    return check_code(puzzle_id, code, device="cpu", mode=mode, roots=[REPO], seed=SEED)


def _verdict_without_pass(puzzle_id: str, code: str) -> RunResult:
    """The visible examples first: failing them already means failing a submission, which
    runs them too. Only code that survives them pays for the hidden cases."""
    result = _check(puzzle_id, code, mode="try")
    return result if result.verdict != "pass" else _check(puzzle_id, code)


def _explain(result: RunResult) -> str:
    bad = [f"{c.name}: {c.status} {c.message}" for c in result.cases if c.status != "pass"]
    return f"{result.verdict}: {result.message}\n" + "\n".join(bad[:5])


def _folder(puzzle_id: str) -> Path:
    folder = PUZZLES / puzzle_id
    missing = [name for name in PUZZLE_FILES if not (folder / name).is_file()]
    assert not missing, f"puzzles/{puzzle_id} lacks {', '.join(missing)}"
    return folder


@pytest.mark.parametrize("puzzle_id", PUZZLE_IDS)
def test_reference_passes_and_meets_its_goals(puzzle_id: str) -> None:
    folder = _folder(puzzle_id)
    result = _check(puzzle_id, (folder / "reference.py").read_text(encoding="utf-8"))
    assert result.verdict == "pass", _explain(result)
    model = Puzzle.model_validate(
        yaml.safe_load((folder / "puzzle.yaml").read_text(encoding="utf-8"))
    )
    for goal in model.goals:
        score = getattr(result.metrics, goal.metric)
        assert score is not None and score <= goal.max, (
            f"goal `{goal.id}` ({goal.metric} <= {goal.max}) is not met by the reference "
            f"(it scores {score}), so no player can be sure it is achievable"
        )


@pytest.mark.parametrize("puzzle_id", PUZZLE_IDS)
def test_starter_runs_but_does_not_pass(puzzle_id: str) -> None:
    folder = _folder(puzzle_id)
    result = _verdict_without_pass(puzzle_id, (folder / "starter.py").read_text(encoding="utf-8"))
    assert result.verdict != "pass", "the starter already solves the puzzle"
    broken = {"syntax", "missing_function"} & {c.failure_class for c in result.cases}
    assert not broken, f"the starter must define `{puzzle_id}`'s entry function: {_explain(result)}"


def golden(code: str) -> tuple[str, str] | None:
    """(failure class, keyword) from a wrong solution's first line, or None without one."""
    match = GOLDEN.match(code.split("\n", 1)[0])
    return (match["cls"], match["keyword"]) if match else None


def feedback_text(result: RunResult) -> str:
    """Everything the player is told about a failed run: the summary, the primary case's name
    and message, and the Professor's reaction and next step."""
    case = primary_case(result)
    reaction = react(result)
    parts = [result.message, reaction.text, reaction.next_step]
    if case is not None:
        parts += [case.name, case.message]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "path", WRONG_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in WRONG_FILES]
)
def test_wrong_solution_fails_for_its_recorded_reason(path: Path) -> None:
    code = path.read_text(encoding="utf-8")
    expect = golden(code)
    assert expect, (
        f"{path.name} must begin with `# expect: <failure_class> | <keyword>`, then a comment "
        "saying why it is wrong"
    )
    want_cls, keyword = expect
    assert want_cls in FAILURE_CLASSES, f"`{want_cls}` is not a FailureClass"
    assert code.split("\n")[1].startswith("#"), f"{path.name}: say why it is wrong on line 2"
    assert (PUZZLES / path.parent.name).is_dir(), f"no puzzle `{path.parent.name}` for {path.name}"
    result = _verdict_without_pass(path.parent.name, code)
    assert result.verdict != "pass", (
        f"{path.parent.name}/{path.name} passed: the cases miss its bug"
    )
    assert classify(result) == want_cls, (
        f"{path.name} now fails as `{classify(result)}`, not `{want_cls}`: {_explain(result)}"
    )
    told = feedback_text(result)
    assert keyword.lower() in told.lower(), (
        f"{path.name}: the feedback no longer mentions `{keyword}`:\n{told}"
    )


def test_golden_header_parsing() -> None:
    assert golden("# expect: shape | transpose\n# Wrong: ...") == ("shape", "transpose")
    assert golden("# expect: values | off by 1  \n") == ("values", "off by 1")
    assert golden("# Wrong: no header\n") is None
    assert golden("# expect: values\n") is None


def test_every_puzzle_has_at_least_two_wrong_solutions() -> None:
    thin = [pid for pid in PUZZLE_IDS if len(list((WRONG / pid).glob("*.py"))) < 2]
    assert not thin, f"puzzles with fewer than two wrong solutions: {thin}"
