"""The game's rules in the session, without a display: what a run, a hint, leaving the terminal
and an ending change in a playthrough, and which saves they make due."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content.library import ContentLibrary, load_library
from game.content.puzzle_models import Goal
from game.feedback.samples import sample_runs
from game.persistence.persistent import Persistent
from game.persistence.saves import SaveStore
from game.persistence.writer import BackgroundWriter
from game.runner.protocol import Metrics, RunResult
from game.session import GameSession, RunOutcome, record_run
from game.story.state import PuzzleProgress
from tests.conftest import REPO

RUNS = sample_runs()
GOALS = [Goal(id="three", text="Three ops", metric="ops", max=3)]


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library([REPO])


@pytest.fixture
def session(library: ContentLibrary, tmp_path: Path) -> Iterator[GameSession]:
    store, writer = SaveStore(tmp_path / "saves"), BackgroundWriter()
    session = GameSession.new(library, store, writer, Persistent())
    session.autosave(None)  # the opening moment is saved; each test starts with nothing due
    yield session
    writer.close()
    store.close()


def at_first_gate(session: GameSession) -> str:
    """Walk the story (first choice each time) to the first puzzle gate; its puzzle id."""
    for _ in range(500):
        view = session.story.view()
        if view.puzzle is not None:
            session.autosave(None)
            return view.puzzle
        if view.choices:
            session.choose(0)
        else:
            session.advance()
    raise AssertionError("no puzzle gate within 500 steps")


def passing(ops: float, lines: float) -> RunResult:
    return RUNS["pass_submit"].model_copy(
        update={"metrics": Metrics(ops=ops, code_lines=lines, time_ms=1.0)}
    )


def test_a_failing_submit_counts_an_attempt_and_solves_nothing(session: GameSession) -> None:
    puzzle = at_first_gate(session)
    outcome = session.record_run(puzzle, RUNS["values"], GOALS, "def f(): ...")
    progress = session.state.progress(puzzle)
    assert (progress.attempts, progress.solved, progress.solution) == (1, False, None)
    assert not outcome.solved and not outcome.story_moved and outcome.goals == []
    assert session.autosave_due and session.at_gate(puzzle)


def test_a_try_is_no_attempt_and_records_no_scores(session: GameSession) -> None:
    puzzle = at_first_gate(session)
    outcome = session.record_run(puzzle, RUNS["pass_try"], GOALS, "code")
    progress = session.state.progress(puzzle)
    assert progress.attempts == 0 and progress.best == {} and not outcome.solved


def test_a_passing_submit_solves_the_puzzle_and_opens_the_gate(session: GameSession) -> None:
    puzzle = at_first_gate(session)
    outcome = session.record_run(puzzle, passing(4, 6), GOALS, "first code")
    progress = session.state.progress(puzzle)
    assert outcome.solved and outcome.story_moved and not session.at_gate(puzzle)
    assert progress.solved and progress.solution == progress.best_solution == "first code"
    assert progress.best == {"ops": 4.0, "code_lines": 6.0, "time_ms": 1.0}
    assert [g.met for g in outcome.goals] == [False]  # 4 ops against a goal of 3
    assert not outcome.new_best_solution  # the first solution is not news
    assert session.autosave_due


def test_a_better_solution_replaces_the_kept_best_and_the_first_stays(
    session: GameSession,
) -> None:
    puzzle = at_first_gate(session)
    session.record_run(puzzle, passing(4, 6), GOALS, "first code")
    worse = session.record_run(puzzle, passing(9, 9), GOALS, "worse code")
    better = session.record_run(puzzle, passing(2, 4), GOALS, "better code")
    progress = session.state.progress(puzzle)
    assert not worse.new_best_solution and better.new_best_solution
    assert (progress.solution, progress.best_solution) == ("first code", "better code")
    assert better.previous_best["ops"] == 4.0 and [g.met for g in better.goals] == [True]
    assert not better.story_moved  # the gate opened on the first pass
    assert progress.attempts == 3


def test_hints_unlock_one_at_a_time_until_none_are_left(session: GameSession) -> None:
    puzzle = at_first_gate(session)
    assert [session.use_hint(puzzle, 2) for _ in range(3)] == [1, 2, None]
    assert session.state.progress(puzzle).hints_used == 2
    assert session.autosave_due


@pytest.mark.parametrize("event", ["puzzle_left", "ending_shown"])
def test_leaving_the_terminal_and_an_ending_make_an_autosave_due(
    session: GameSession, event: str
) -> None:
    assert not session.autosave_due
    getattr(session, event)()
    assert session.autosave_due


def test_record_run_alone_keeps_the_bests_of_a_progress() -> None:
    progress = PuzzleProgress(best={"ops": 6.0})
    first = record_run(progress, passing(4, 6), GOALS)
    again = record_run(progress, passing(4, 6), GOALS)
    assert first.previous_best == {"ops": 6.0} and progress.best["ops"] == 4.0
    assert again.previous_best["ops"] == 4.0 and again.attempts == 2


def test_a_bare_outcome_records_nothing() -> None:
    outcome = RunOutcome(RUNS["values"])
    assert (outcome.attempts, outcome.previous_best, outcome.goals) == (0, {}, [])
