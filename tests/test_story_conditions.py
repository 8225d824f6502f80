"""Scene conditions that notice how a puzzle was solved (`Requires.solved_how`): the solve
record kept in the save, the story engine's test of it, lint's checks and MODDING.md's
example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.content.lint import lint
from game.content.puzzle_models import Goal
from game.content.scene_models import HowSolved, Node, Requires
from game.feedback.scores import record_solve
from game.runner.protocol import Metrics, RunResult
from game.story.engine import holds, solved_as
from game.story.state import GameState, PuzzleProgress, SolveRecord
from tests.test_lint import variant

REPO = Path(__file__).resolve().parent.parent
GOALS = [Goal(id="short", text="Three lines", metric="code_lines", max=3)]


def _run(lines: int, *, ref_lines: int = 5, verdict: str = "pass", mode: str = "submit"):
    return RunResult(
        puzzle="p",
        device="cpu",
        verdict=verdict,  # type: ignore[arg-type]
        mode=mode,  # type: ignore[arg-type]
        metrics=Metrics(ops=4, code_lines=lines, code_chars=lines * 30),
        reference_metrics=Metrics(ops=4, code_lines=ref_lines, code_chars=ref_lines * 30),
    )


def _state(**record: object) -> GameState:
    state = GameState(scene="s", node="n")
    progress = state.progress("p")
    progress.solved = True
    progress.solve = SolveRecord.model_validate(
        {"hints": 0, "hints_total": 3, "submits": 1, **record}
    )
    return state


def test_the_first_pass_records_hints_and_submits_and_later_passes_widen_it() -> None:
    progress = PuzzleProgress(attempts=1, hints_used=1)
    record_solve(progress, _run(6, verdict="fail"), GOALS, 3)
    assert progress.solve is None  # a failing run records nothing
    progress.attempts = 2
    record = record_solve(progress, _run(6), GOALS, 3)
    assert record is not None
    assert (record.hints, record.hints_total, record.submits) == (1, 3, 2)
    assert record.goals_met == [] and not record.beat_reference
    progress.attempts, progress.hints_used = 3, 3
    record_solve(progress, _run(2, mode="try"), GOALS, 3)  # Try runs are never scored
    assert progress.solve.goals_met == []
    record_solve(progress, _run(2), GOALS, 3)
    record_solve(progress, _run(2), GOALS, 3)  # idempotent
    assert progress.solve.goals_met == ["short"] and progress.solve.beat_reference
    assert (progress.solve.hints, progress.solve.submits) == (1, 2)  # the first pass stands


@pytest.mark.parametrize(
    ("record", "cond", "expected"),
    [
        ({}, {"hints": "none", "first_submit": True}, True),
        ({"hints": 1}, {"hints": "some"}, True),
        ({"hints": 3}, {"hints": "all"}, True),
        ({"hints": 3}, {"hints": "some"}, False),
        ({"submits": 4}, {"first_submit": False}, True),
        ({"submits": 4}, {"first_submit": True}, False),
        ({"goals_met": ["short"]}, {"goal": "short"}, True),
        ({}, {"goal": "short"}, False),
        ({"beat_reference": True}, {"beat_reference": True}, True),
        ({}, {"beat_reference": True}, False),
        ({}, {"beat_reference": False}, True),
    ],
)
def test_each_test_of_a_solve(record: dict, cond: dict, expected: bool) -> None:
    assert solved_as(HowSolved(puzzle="p", **cond), _state(**record)) is expected


def test_unsolved_or_unrecorded_solves_meet_no_test() -> None:
    state = GameState(scene="s", node="n")
    assert not solved_as(HowSolved(puzzle="p"), state)
    state.progress("p").solved = True  # a save from before solves were recorded
    assert solved_as(HowSolved(puzzle="p"), state)
    assert not solved_as(HowSolved(puzzle="p", hints="none"), state)
    assert not solved_as(HowSolved(puzzle="p", first_submit=False), state)


@given(
    hints=st.integers(0, 5), total=st.integers(1, 5), submits=st.integers(1, 6), beat=st.booleans()
)
def test_exactly_one_hint_band_and_one_submit_answer_hold(
    hints: int, total: int, submits: int, beat: bool
) -> None:
    state = _state(hints=hints, hints_total=total, submits=submits, beat_reference=beat)
    bands = [b for b in ("none", "some", "all") if solved_as(HowSolved(puzzle="p", hints=b), state)]
    assert len(bands) == 1
    firsts = [f for f in (True, False) if solved_as(HowSolved(puzzle="p", first_submit=f), state)]
    assert firsts == [submits == 1]
    both = Requires(solved_how=[HowSolved(puzzle="p", hints=bands[0], beat_reference=beat)])
    assert holds(both, state)


def test_lint_names_unknown_puzzles_and_goals(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {
            "scenes/lab.yaml": (
                "requires: {flags: [looked]}",
                "requires: {solved_how: [{puzzle: add_on, hints: none}, "
                "{puzzle: add_one, goal: one_liner}]}",
            )
        },
    )
    diags = lint([root], run_puzzles=False)
    codes = {d.code: d.message for d in diags if d.severity == "error"}
    assert "Did you mean `add_one`?" in codes["unknown-puzzle"]
    assert "no goal `one_liner`" in codes["unknown-goal"]


def test_the_modding_guide_example_reads_each_way_of_solving() -> None:
    guide = (REPO / "MODDING.md").read_text(encoding="utf-8")
    body = re.search(r"```yaml example=solved_how\n(.*?)```", guide, re.S)
    assert body, "MODDING.md lost its solved_how example"
    node = Node.model_validate(yaml.safe_load(body.group(1)))

    def shown(**record: object) -> list[str]:
        state = _state(**record)
        state.puzzles["my_mod_add_one"] = state.puzzles.pop("p")
        return [
            line.text
            for line in node.lines
            if not isinstance(line, (str, dict)) and holds(line.requires, state)
        ]

    assert [t[:20] for t in shown()] == ["At the first Submit,"]
    assert [t[:20] for t in shown(hints=3, submits=2)] == ["Every hint I had, an"]
    assert len(shown(hints=1, submits=2, beat_reference=True, goals_met=["one_liner"])) == 2


def _conditions(node: Node) -> list[Requires]:
    found = [line.requires for line in node.lines if not isinstance(line, (str, dict))]
    found += [c.requires for c in node.choices or []]
    found += [b.requires for b in node.next if isinstance(node.next, list)] if node.next else []
    return [r for r in found if r is not None]


def test_every_act_notices_how_the_player_solves() -> None:
    from game.content.library import load_library

    lib = load_library([REPO])
    noticing = {
        scene.act
        for scene in lib.scenes.values()
        for node in scene.nodes.values()
        if any(r.solved_how for r in _conditions(node))
    }
    assert lib.manifest is not None
    assert {a.id for a in lib.manifest.acts} <= noticing
