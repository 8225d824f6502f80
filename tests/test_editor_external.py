"""'Open in my editor': the draft file is written, a desktop opener is started without waiting,
saves made in the other editor come back as undoable steps, and game edits go to the file."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.persistence.paths import drafts_dir
from game.ui.editor import external
from game.ui.editor.harness import Harness

CTRL = pygame.KMOD_CTRL


@pytest.fixture
def make() -> Iterator[Callable[..., Harness]]:
    yield lambda text="", **kw: Harness(text, **kw)
    pygame.display.quit()


def save_elsewhere(path: Path, text: str) -> None:
    """Save like another editor: new content and a later modification time."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**7, before + 10**7))


def settle(h: Harness) -> None:
    for _ in range(3):
        h.frame(dt=external.POLL_S)


def test_open_writes_the_draft_and_picks_up_saves_as_undoable_steps(
    make: Callable[..., Harness],
) -> None:
    draft = drafts_dir() / "summon_tensors.py"
    opened: list[Path] = []
    h = make("x = 1\n", draft_path=draft)
    h.pane.opener = lambda path: opened.append(path)
    h.frame()
    h.click(next(b for b in h.pane.buttons if b.label == "Open in my editor").rect.center)
    h.frame()
    assert opened == [draft]
    assert draft.read_text() == "x = 1\n"
    assert f"Your draft is in {draft}" in h.pane.describe()
    save_elsewhere(draft, "x = 2\n\ty = 3\n")
    settle(h)
    assert h.pane.text == "x = 2\n    y = 3\n"
    assert h.changes[-1] == h.pane.text
    assert "Picked up your changes from summon_tensors.py" in h.pane.describe()
    h.key(pygame.K_z, CTRL)
    h.frame()
    assert h.pane.text == "x = 1\n"


def test_game_edits_are_written_to_the_shared_file_once_typing_pauses(
    make: Callable[..., Harness],
) -> None:
    draft = drafts_dir() / "p.py"
    h = make("a = 1", draft_path=draft)
    h.pane.opener = lambda path: None
    h.pane.open_in_editor()
    h.key(pygame.K_END)
    h.type("0")
    h.frame(dt=0.1)
    assert draft.read_text() == "a = 1"
    settle(h)
    assert draft.read_text() == "a = 10"
    settle(h)
    assert h.pane.text == "a = 10"
    h.key(pygame.K_z, CTRL)
    h.frame()
    assert h.pane.text == "a = 1"  # the game's own write was not picked up as a new step


def test_a_file_saved_while_the_game_was_closed_is_picked_up(make: Callable[..., Harness]) -> None:
    draft = drafts_dir() / "p.py"
    draft.write_text("from_outside = True\n")
    h = make("from_save = True\n", draft_path=draft)
    h.frame()
    assert h.pane.text == "from_outside = True\n"
    assert "Picked up the changes you saved in p.py" in h.pane.describe()
    h.key(pygame.K_z, CTRL)
    h.frame()
    assert h.pane.text == "from_save = True\n"


def test_failures_are_told_not_raised(make: Callable[..., Harness], tmp_path: Path) -> None:
    h = make("keep = 1", draft_path=drafts_dir() / "p.py")
    h.pane.opener = lambda path: "No desktop opener (xdg-open) was found."
    h.pane.open_in_editor()
    h.frame()
    assert "No desktop opener (xdg-open) was found. Open it in any editor" in h.pane.describe()
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("")
    h2 = make("keep = 2", draft_path=blocker / "p.py")
    h2.pane.open_in_editor()
    h2.frame()
    assert "Could not write" in h2.pane.describe()
    assert h2.pane.text == "keep = 2"


@pytest.mark.skipif(
    os.name != "posix" or os.uname().sysname == "Darwin", reason="xdg-open is the Linux/BSD path"
)
def test_open_with_system_starts_the_desktop_opener_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "opened.txt"
    fake = bin_dir / "xdg-open"
    fake.write_text(f'#!/bin/sh\necho "$1" > "{log}"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    target = tmp_path / "draft.py"
    assert external.open_with_system(target) is None
    external._children[-1].wait(timeout=10)
    assert log.read_text().strip() == str(target)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert external.open_with_system(target) == "No desktop opener (xdg-open) was found."


def test_leaving_before_the_file_is_refreshed_does_not_bring_old_code_back(
    make: Callable[..., Harness],
) -> None:
    draft = drafts_dir() / "p.py"
    first = make("a = 1", draft_path=draft)
    first.pane.opener = lambda path: None
    first.pane.open_in_editor()
    first.key(pygame.K_END)
    first.type("23")
    first.frame(dt=0.1)  # the player leaves at once: the shared file still says "a = 1"
    saved = first.pane.text
    assert draft.read_text() == "a = 1"
    second = make(saved, draft_path=draft)
    second.frame()
    assert second.pane.text == "a = 123"
    settle(second)
    assert draft.read_text() == "a = 123"
