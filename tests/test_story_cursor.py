"""The scene screen's story cursor alone, without pygame: walking a node's lines, the way on
once they are read, story moves through the session, staleness after a move made elsewhere,
and whether skipping may run, on the fixture story (lab: static -> hub -> gate -> done ->
finale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content.library import ContentLibrary, load_library
from game.persistence.persistent import Persistent
from game.persistence.saves import SaveStore
from game.persistence.writer import BackgroundWriter
from game.session import GameSession
from game.session.cursor import StoryCursor
from game.story.engine import StoryError

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "base"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library([FIXTURE])


@pytest.fixture
def session(library: ContentLibrary, tmp_path: Path) -> Iterator[GameSession]:
    store, writer = SaveStore(tmp_path / "saves"), BackgroundWriter()
    yield GameSession.new(library, store, writer, Persistent())
    writer.close()
    store.close()


def test_walks_the_lines_of_a_node_and_stops_at_the_last(session: GameSession) -> None:
    cursor = StoryCursor(session)
    assert cursor.view is None and cursor.line is None and cursor.stale
    assert not cursor.next_line() and cursor.way_on is None
    view = cursor.load()
    assert (view.scene_id, view.node_id) == ("lab", "static") and not cursor.stale
    assert cursor.line is not None and cursor.line.speaker is None  # the narrator
    assert not cursor.at_last_line
    assert cursor.next_line()
    assert cursor.line is not None and cursor.line.speaker == "Professor Torchenstein"
    assert cursor.at_last_line and not cursor.next_line() and cursor.line_index == 1
    assert cursor.way_on == "next" and not cursor.at_gate


def test_moves_on_chooses_and_reaches_the_gate_and_the_ending(session: GameSession) -> None:
    cursor = StoryCursor(session)
    cursor.load()
    cursor.next_line()
    cursor.move_on()
    assert cursor.stale, "the story moved: the view on show is old until `load`"
    view = cursor.load()
    assert view.node_id == "hub" and cursor.line_index == 0 and cursor.way_on is None
    with pytest.raises(StoryError):
        cursor.move_on()  # a node with choices has no `next`
    with pytest.raises(StoryError):
        cursor.choose(7)
    cursor.choose(1)  # "Look around": back to the start, flag set
    assert cursor.load().node_id == "static" and session.state.has_flag("looked")
    cursor.move_on()
    cursor.load()
    cursor.choose(0)
    assert cursor.load().node_id == "gate"
    assert cursor.way_on == "puzzle" and cursor.at_gate
    session.story.puzzle_solved("add_one")  # solved in the lab terminal, not through us
    assert cursor.stale
    view = cursor.load()
    assert view.node_id == "done" and [line.text for line in view.lines] == [
        "You looked around first."
    ]
    cursor.move_on()
    view = cursor.load()
    assert view.ending is not None and cursor.way_on == "ending" and cursor.at_gate


def test_a_node_without_lines_is_at_its_last_line_at_once(session: GameSession) -> None:
    session.story.goto("done")  # its only line needs a flag not set
    cursor = StoryCursor(session)
    view = cursor.load()
    assert view.lines == [] and cursor.line is None
    assert cursor.at_last_line and not cursor.next_line() and cursor.way_on == "next"


def test_a_failed_load_keeps_the_view_it_had(session: GameSession) -> None:
    cursor = StoryCursor(session)
    shown = cursor.load()
    session.state.node = "nowhere"
    with pytest.raises(StoryError):
        cursor.load()
    assert cursor.view is shown and cursor.stale


def test_skip_runs_through_text_read_before_or_when_allowed(
    library: ContentLibrary, session: GameSession, tmp_path: Path
) -> None:
    cursor = StoryCursor(session)
    assert not cursor.may_skip(True), "nothing to skip through before a view"
    cursor.load()
    assert not cursor.may_skip(False) and cursor.may_skip(True)
    # A second playthrough with the same record: the opening was read before.
    store, writer = SaveStore(tmp_path / "again"), BackgroundWriter()
    again = GameSession.new(library, store, writer, session.persistent)
    cursor.rebind(again)
    assert cursor.session is again
    cursor.load()
    assert cursor.may_skip(False)
    writer.close()
    store.close()
