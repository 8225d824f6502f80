"""The playthrough session, without a display: autosave after story steps, drafts saved a
moment after typing pauses, the seen-text record, and a save whose place has vanished."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.library import load_library
from game.content.roots import content_roots
from game.persistence.persistent import Persistent, load_persistent
from game.persistence.saves import AUTO, SaveStore
from game.persistence.writer import BackgroundWriter
from game.session.playthrough import DRAFT_SAVE_DELAY_S, GameSession
from game.story.engine import StoryError
from game.story.places import last_good_place


@pytest.fixture(scope="module")
def library():
    return load_library(content_roots([]))


@pytest.fixture
def parts(tmp_path: Path):
    store = SaveStore(tmp_path / "saves")
    writer = BackgroundWriter()
    yield store, writer
    writer.close()
    store.close()


def test_every_step_asks_for_an_autosave_and_records_what_was_read(library, parts) -> None:
    store, writer = parts
    persistent = Persistent()
    session = GameSession.new(library, store, writer, persistent)
    assert session.autosave_due  # the very first moment is saved too
    assert session.autosave(b"png")
    writer.flush()
    assert not session.autosave_due
    first = store.load(AUTO).model
    assert first is not None and first.state.node == session.state.node
    assert store.thumbnail_path(AUTO).read_bytes() == b"png"
    start = f"{session.state.scene}:{session.state.node}"
    assert start in persistent.seen and not session.current_seen_before
    if session.story.view().choices:
        session.choose(0)
    else:
        session.advance()
    assert session.autosave_due
    here = f"{session.state.scene}:{session.state.node}"
    session.autosave(None)  # the record is written after the autosave
    writer.flush()
    recorded = load_persistent().model
    assert here in persistent.seen and recorded is not None and here in recorded.seen


def test_drafts_are_saved_after_typing_pauses(library, parts) -> None:
    store, writer = parts
    session = GameSession.new(library, store, writer, Persistent())
    session.autosave(None)
    session.draft_changed("summon_tensors", "import torch\n")
    assert session.draft_pending
    assert not session.tick(DRAFT_SAVE_DELAY_S / 2, playing=True)
    session.draft_changed("summon_tensors", "import torch\n# more\n")  # typing goes on
    assert not session.tick(DRAFT_SAVE_DELAY_S * 0.9, playing=True)
    assert session.tick(DRAFT_SAVE_DELAY_S * 0.2, playing=True)  # quiet long enough: save now
    session.autosave(None)
    writer.flush()
    saved = store.load(AUTO).model
    assert saved.state.drafts["summon_tensors"] == "import torch\n# more\n"
    assert saved.meta.play_seconds == pytest.approx(DRAFT_SAVE_DELAY_S * 1.6)


def test_play_time_counts_only_while_playing(library, parts) -> None:
    store, writer = parts
    session = GameSession.new(library, store, writer, Persistent())
    session.tick(2.0, playing=True)
    session.tick(5.0, playing=False)
    assert session.state.play_seconds == pytest.approx(2.0)


def test_a_save_whose_place_vanished_is_left_alone_until_the_player_chooses(library, parts) -> None:
    store, writer = parts
    session = GameSession.new(library, store, writer, Persistent())
    session.state.flags.append("kept_flag")
    good = (session.state.scene, session.state.node)
    save = session.snapshot()
    save.state.node = "a_node_a_mod_took_away"
    before = save.model_dump_json()
    with pytest.raises(StoryError, match="a_node_a_mod_took_away"):
        GameSession.resume(library, save, store, writer, Persistent())
    assert last_good_place(library, save.state) == good
    resumed = GameSession.resume(library, save, store, writer, Persistent(), at=good)
    assert resumed.story.has_position() and "kept_flag" in resumed.state.flags
    assert save.model_dump_json() == before  # the save itself is never changed


def test_read_only_saves_are_refused_not_crashed(library, tmp_path: Path) -> None:
    holder = SaveStore(tmp_path / "saves")
    second = SaveStore(tmp_path / "saves")
    writer = BackgroundWriter()
    try:
        session = GameSession.new(library, second, writer, Persistent())
        assert session.save(AUTO, None) is False
        writer.flush()
        assert writer.errors() == []
        assert not second.path(AUTO).exists()
    finally:
        writer.close()
        second.close()
        holder.close()


def test_a_failing_write_comes_back_as_a_message(tmp_path: Path) -> None:
    writer = BackgroundWriter()
    try:

        def boom() -> None:
            raise OSError("No space left on device")

        writer.submit("auto", boom)
        writer.flush()
        assert writer.errors() == ["Could not save (auto): No space left on device"]
    finally:
        writer.close()
