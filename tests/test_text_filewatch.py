"""The file shared with the player's own editor: atomic writes, settled changes only, no echo
of the game's own writes."""

from __future__ import annotations

import os
from pathlib import Path

from game.text import FileWatch


def bump(path: Path, text: str, step_ns: int = 10_000_000) -> None:
    """Write like another editor would, moving the mtime on so the change is visible even on
    coarse-timestamp filesystems."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + step_ns, before + step_ns))


def test_own_writes_are_not_reported(tmp_path: Path) -> None:
    watch = FileWatch(tmp_path / "drafts" / "p.py")
    watch.write("x = 1\n")
    assert watch.path.read_text() == "x = 1\n"
    assert watch.poll() is None
    assert watch.poll() is None
    assert sorted(p.name for p in watch.path.parent.iterdir()) == [
        ".p.py.synced",
        "p.py",
    ]  # no temp file left


def test_external_change_is_reported_once_after_it_settles(tmp_path: Path) -> None:
    watch = FileWatch(tmp_path / "p.py")
    watch.write("x = 1\n")
    bump(watch.path, "x = 2\n")
    assert watch.poll() is None  # seen moving
    assert watch.poll() == "x = 2\n"
    assert watch.poll() is None


def test_same_text_rewritten_is_not_a_change_and_bom_is_dropped(tmp_path: Path) -> None:
    watch = FileWatch(tmp_path / "p.py")
    watch.write("x = 1\n")
    bump(watch.path, "x = 1\n")
    assert watch.poll() is None
    assert watch.poll() is None
    watch.path.write_bytes(b"\xef\xbb\xbfy = 3\n")
    os.utime(watch.path, ns=(1, 1))
    watch.poll()
    assert watch.poll() == "y = 3\n"


def test_missing_or_deleted_file_is_quiet(tmp_path: Path) -> None:
    watch = FileWatch(tmp_path / "nowhere.py")
    assert watch.adopt() is None
    assert watch.poll() is None
    watch.write("a")
    watch.path.unlink()
    assert watch.poll() is None
    assert watch.poll() is None


def test_a_stamp_tells_later_sessions_what_the_game_wrote(tmp_path: Path) -> None:
    first = FileWatch(tmp_path / "p.py")
    first.write("x = 1\n")
    later = FileWatch(tmp_path / "p.py")
    assert later.synced(later.adopt() or "")
    bump(later.path, "x = 2\n")
    assert not later.synced(later.path.read_text())
    later.poll()
    assert later.poll() == "x = 2\n"
    assert FileWatch(tmp_path / "p.py").synced("x = 2\n")  # read by the game: known now
    assert later.stamp_path.name == ".p.py.synced"
