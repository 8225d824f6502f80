"""Saves: atomic writes with rotating backups, recovery from damaged files, migrations, the
folder lock between game instances, and the session's autosave/draft flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.persistence.atomic import atomic_write, backups
from game.persistence.jsonfile import DamagedFile, migrate
from game.persistence.migrations import SAVE_VERSION
from game.persistence.saves import AUTO, SaveFile, SaveMeta, SaveStore
from game.story.state import GameState, HistoryEntry


def make_save(node: str = "static", draft: str = "x = 1") -> SaveFile:
    state = GameState(
        scene="prologue",
        node=node,
        flags=["noticed_coffee"],
        drafts={"summon_tensors": draft},
        history=[HistoryEntry(scene="prologue", speaker=None, text="Static.")],
    )
    state.progress("summon_tensors").hints_used = 2
    meta = SaveMeta(
        scene="prologue",
        scene_title="The Transmission",
        node=node,
        saved_at="2026-01-01T00:00:00+00:00",
        play_seconds=61.5,
    )
    return SaveFile(meta=meta, state=state)


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    s = SaveStore(tmp_path / "saves")
    yield s
    s.close()


def test_round_trip_keeps_everything(store: SaveStore) -> None:
    save = make_save()
    store.write("1", save, b"\x89PNG fake")
    loaded = store.load("1")
    assert loaded.messages == []
    assert loaded.model == save
    assert store.thumbnail_path("1").read_bytes() == b"\x89PNG fake"
    info = store.peek("1")
    assert info.meta is not None and info.meta.scene_title == "The Transmission"
    assert not info.damaged


def test_atomic_write_rotates_backups(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    for n in range(5):
        atomic_write(target, f"v{n}".encode(), keep_backups=3)
    assert target.read_bytes() == b"v4"
    assert [p.read_bytes() for p in backups(target, 3)] == [b"v3", b"v2", b"v1"]
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left behind


@pytest.mark.parametrize(
    "damage,reason",
    [
        (lambda data: data[: len(data) // 2], "cut short"),
        (lambda data: b"", "empty"),
        (lambda data: b"\xff\xfe\x00garbage\x80", "not text"),
        (lambda data: b"[1, 2, 3]", "does not hold"),
        (lambda data: json.dumps({**json.loads(data), "schema_version": 999}).encode(), "newer"),
        (lambda data: json.dumps({**json.loads(data), "state": {"scene": 5}}).encode(), "invalid"),
    ],
    ids=["truncated", "empty", "garbage", "not-a-record", "future-version", "invalid"],
)
def test_damaged_save_is_set_aside_and_backup_loads(store: SaveStore, damage, reason) -> None:
    good = make_save(node="static")
    newer = make_save(node="apprentice")
    store.write(AUTO, good)
    store.write(AUTO, newer)  # `good` is now the newest backup
    path = store.path(AUTO)
    path.write_bytes(damage(path.read_bytes()))

    loaded = store.load(AUTO)

    assert loaded.model is not None and loaded.model.state.node == "static"
    text = " ".join(loaded.messages)
    assert reason in text and "backup" in text
    assert loaded.set_aside and loaded.set_aside[0].exists()  # the player's data is kept
    assert store.load(AUTO).messages == []  # the backup was restored in place


def test_damaged_save_without_backup_says_so(store: SaveStore) -> None:
    store.path("2").write_bytes(b"{not json")
    loaded = store.load("2")
    assert loaded.model is None
    assert "No good backup" in " ".join(loaded.messages)
    assert store.peek("2").empty  # set aside: the slot reads as empty now


def test_missing_slot_is_quietly_empty(store: SaveStore) -> None:
    loaded = store.load("3")
    assert loaded.model is None and loaded.messages == []
    assert store.peek("3").empty


def test_latest_slot_is_the_newest(store: SaveStore) -> None:
    a, b = make_save(), make_save()
    a.meta.saved_at = "2026-01-01T00:00:00+00:00"
    b.meta.saved_at = "2026-02-01T00:00:00+00:00"
    store.write("1", a)
    store.write("quick", b)
    assert store.latest() == "quick"


def test_second_instance_is_read_only(tmp_path: Path) -> None:
    first = SaveStore(tmp_path / "saves")
    second = SaveStore(tmp_path / "saves")
    try:
        assert first.writable and not second.writable
        first.write("1", make_save())
        with pytest.raises(Exception, match="another Torchenstein"):
            second.write("1", make_save(node="apprentice"))
        assert second.load("1").model.state.node == "static"  # it can still load
    finally:
        first.close()
        second.close()
    third = SaveStore(tmp_path / "saves")  # the lock went with the first instance
    assert third.writable
    third.close()


def test_migrations_run_in_order_and_refuse_the_future() -> None:
    steps = {1: lambda d: {**d, "a": 1}, 2: lambda d: {**d, "b": d["a"] + 1}}
    doc = migrate({"schema_version": 1}, 3, steps)
    assert doc == {"schema_version": 3, "a": 1, "b": 2}
    with pytest.raises(DamagedFile, match="newer"):
        migrate({"schema_version": 4}, 3, steps)
    with pytest.raises(DamagedFile, match="no upgrade"):
        migrate({"schema_version": 1}, 3, {})


def test_current_saves_need_no_migration(store: SaveStore) -> None:
    store.write("1", make_save())
    doc = json.loads(store.path("1").read_bytes())
    assert doc["schema_version"] == SAVE_VERSION


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=10_000), junk=st.binary(max_size=40))
def test_any_truncation_never_crashes(tmp_path: Path, cut: int, junk: bytes) -> None:
    folder = tmp_path / f"s{cut}-{len(junk)}"
    store = SaveStore(folder, lock=False)
    store.write("1", make_save(node="static"))
    store.write("1", make_save(node="apprentice"))
    data = store.path("1").read_bytes()
    store.path("1").write_bytes(data[: cut % (len(data) + 1)] + junk)
    loaded = store.load("1")
    assert loaded.model is not None  # either the file survived or the backup loaded
    assert loaded.model.state.node in ("static", "apprentice")
