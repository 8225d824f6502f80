"""The terminal's run controller alone: a fake runner and a recording view, a real session, no
display. Submitting, progress, cancelling, errors and verdicts, and what each leaves behind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.content.library import ContentLibrary, load_library
from game.feedback.samples import sample_runs
from game.persistence.persistent import Persistent
from game.persistence.saves import SaveStore
from game.persistence.writer import BackgroundWriter
from game.runner.protocol import CaseResult, JobEvent
from game.session import GameSession, RunOutcome
from game.session.run_control import Listener, RunController
from tests.conftest import REPO
from tests.test_session_rules import at_first_gate

RUNS = sample_runs()


@dataclass
class FakeRunner:
    """Hands out tickets and keeps the listeners; `cancel_at_once` answers a cancel from inside
    the call, as the hub does for a run that never reached the service."""

    cancel_at_once: bool = False
    sent: list[dict[str, object]] = field(default_factory=list)
    listeners: dict[str, Listener] = field(default_factory=dict)
    cancelled: list[str] = field(default_factory=list)

    def submit(
        self,
        puzzle_id: str,
        code: str,
        *,
        device: str,
        mode: str,
        listener: Listener,
        solutions: dict[str, str] | None = None,
    ) -> str:
        ticket = f"t{len(self.listeners) + 1}"
        self.listeners[ticket] = listener
        self.sent.append(
            {"puzzle": puzzle_id, "code": code, "device": device, "mode": mode, "tools": solutions}
        )
        return ticket

    def describe(self, puzzle_id: str, listener: Listener) -> str:
        ticket = f"t{len(self.listeners) + 1}"
        self.listeners[ticket] = listener
        return ticket

    def cancel(self, ticket: str) -> None:
        self.cancelled.append(ticket)
        if self.cancel_at_once:
            self.listeners[ticket](JobEvent(job=ticket, kind="cancelled"))


@dataclass
class RecordingView:
    shown: list[tuple[object, ...]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)

    def show_running(self, mode: str, done: int, total: int) -> None:
        self.shown.append(("running", mode, done, total))

    def show_examples(self, examples: list[CaseResult]) -> None:
        self.shown.append(("examples", len(examples)))

    def show_message(self, text: str, kind: str) -> None:
        self.shown.append(("message", kind, text))

    def show_outcome(self, outcome: RunOutcome) -> None:
        self.shown.append(("outcome", outcome))

    def notify(self, text: str, kind: str = "info") -> None:
        self.notices.append((text, kind))


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library([REPO])


@pytest.fixture
def session(library: ContentLibrary, tmp_path: Path) -> Iterator[GameSession]:
    store, writer = SaveStore(tmp_path / "saves"), BackgroundWriter()
    yield GameSession.new(library, store, writer, Persistent())
    writer.close()
    store.close()


def controller(
    session: GameSession, *, improving: bool = False, cancel_at_once: bool = False
) -> tuple[RunController, FakeRunner, RecordingView]:
    puzzle = at_first_gate(session)
    runner, view = FakeRunner(cancel_at_once=cancel_at_once), RecordingView()
    entry = session.story.library.puzzles[puzzle]
    return RunController(session, entry, runner, view, improving=improving), runner, view


def event(runs: RunController, kind: str, **fields: object) -> None:
    assert runs.job is not None
    runs.on_event(JobEvent(job=runs.job, kind=kind, **fields))  # type: ignore[arg-type]


def test_a_run_goes_out_once_and_reports_its_progress(session: GameSession) -> None:
    runs, runner, view = controller(session)
    assert runs.start("try", "code v1", "cpu") and runs.busy
    assert not runs.start("submit", "code v2", "cpu")  # one run at a time
    assert runner.sent == [
        {"puzzle": runs.puzzle_id, "code": "code v1", "device": "cpu", "mode": "try", "tools": {}}
    ]
    assert runs.status == "Trying the visible examples..."
    event(runs, "started", total=4)
    event(runs, "progress", done=3, total=4)
    assert runs.progress == (3, 4)
    assert view.shown == [
        ("running", "try", 0, 0),
        ("running", "try", 0, 4),
        ("running", "try", 3, 4),
    ]


def test_the_examples_show_until_a_run_says_more(session: GameSession) -> None:
    runs, runner, view = controller(session)
    runs.open()
    examples = [CaseResult(name="n = 3", kind="example", status="pass")]
    runner.listeners["t1"](JobEvent(job="t1", kind="examples", examples=examples))
    assert view.shown == [("examples", 1)]
    runs, runner, view = controller(session)
    runs.open()
    runs.start("submit", "code", "cpu")  # the run's news must not be covered by examples
    runner.listeners["t1"](JobEvent(job="t1", kind="examples", examples=examples))
    assert ("examples", 1) not in view.shown


@pytest.mark.parametrize("at_once", [False, True])
def test_a_cancelled_run_records_nothing_and_says_so(session: GameSession, at_once: bool) -> None:
    runs, runner, view = controller(session, cancel_at_once=at_once)
    runs.start("submit", "code", "cpu")
    ticket = runs.job
    runs.cancel()
    assert runner.cancelled == [ticket]
    if not at_once:
        assert runs.status == "Cancelling..." and runs.busy
        event(runs, "cancelled")
    assert not runs.busy and runs.status == "Run cancelled. Nothing was recorded."
    assert view.shown[-1] == ("message", "info", "Cancelled. Nothing was recorded.")
    assert session.state.progress(runs.puzzle_id).attempts == 0


def test_a_runner_error_keeps_the_code_and_records_nothing(session: GameSession) -> None:
    runs, _, view = controller(session)
    runs.start("submit", "code", "cpu")
    event(runs, "error", message="Traceback (most recent call last):\nOSError: pipe closed")
    assert not runs.busy and "pipe closed" in runs.status
    kind, text = view.shown[-1][1:]
    assert kind == "error" and "your code is kept" in str(text)
    assert view.notices == [(runs.status, "error")]
    assert session.state.progress(runs.puzzle_id).attempts == 0


def test_a_failing_submit_is_recorded_by_the_session_and_shown(session: GameSession) -> None:
    runs, _, view = controller(session)
    runs.start("submit", "wrong code", "cpu")
    event(runs, "result", result=RUNS["values"])
    outcome = view.shown[-1][1]
    assert isinstance(outcome, RunOutcome) and not outcome.solved and outcome.attempts == 1
    assert runs.status == (RUNS["values"].message or RUNS["values"].verdict)
    assert not runs.passed and not runs.continues_story and view.notices == []


def test_a_pass_keeps_the_code_that_ran_and_submit_then_continues(session: GameSession) -> None:
    runs, _, view = controller(session)
    assert not runs.professor_ready
    runs.start("submit", "the code that ran", "cpu")
    event(runs, "result", result=RUNS["pass_submit"])
    progress = session.state.progress(runs.puzzle_id)
    assert progress.solved and progress.solution == "the code that ran"
    assert runs.passed and runs.status.startswith("Passed!")
    assert runs.continues_story  # the story moved past this gate: Submit means "Continue"
    solution = (runs.entry.folder / "solution.md").is_file()
    assert runs.professor_ready == solution
    assert any("annotated solution" in text for text, _ in view.notices) == solution


def test_reopened_to_improve_submit_keeps_running(session: GameSession) -> None:
    runs, _, _ = controller(session, improving=True)
    runs.start("submit", "code", "cpu")
    event(runs, "result", result=RUNS["pass_submit"])
    assert runs.passed and not runs.continues_story


def test_closing_cancels_what_is_in_flight_and_asks_for_a_save(session: GameSession) -> None:
    runs, runner, _ = controller(session)
    runs.open()
    runs.start("try", "code", "cpu")
    session.autosave(None)
    runs.close()
    assert runner.cancelled == ["t1", "t2"] and session.autosave_due
