"""The reload key's pure half: re-read content, lint it fast, and only hand back a library that
has no errors; the story can then continue from the same node if it still exists."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.content.reload import reload_content
from game.story.engine import Story
from game.story.state import GameState

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "base"


def test_reload_picks_up_edits_and_keeps_the_position(tmp_path: Path) -> None:
    root = tmp_path / "game"
    shutil.copytree(FIXTURE, root)
    lib, diags = reload_content([root])
    assert lib is not None and diags == []
    story = Story(lib, GameState(scene="lab", node="hub"))

    scene = root / "scenes" / "lab.yaml"
    scene.write_text(scene.read_text().replace("Choose, apprentice.", "Choose wisely, apprentice."))
    new_lib, _ = reload_content([root])
    assert new_lib is not None
    story = Story(new_lib, story.state)
    assert story.has_position()
    assert story.view().lines[0].text == "Choose wisely, apprentice."


def test_reload_with_errors_returns_none_and_every_problem(tmp_path: Path) -> None:
    root = tmp_path / "game"
    shutil.copytree(FIXTURE, root)
    scene = root / "scenes" / "lab.yaml"
    scene.write_text(
        scene.read_text().replace("goto: gate", "goto: gaet").replace("title:", "titel:")
    )
    lib, diags = reload_content([root])
    assert lib is None
    assert [d.code for d in diags if d.severity == "error"] == ["unknown-key"]
    assert diags[0].file.endswith("lab.yaml") and diags[0].line == 2


def test_removed_node_is_detected_so_the_ui_can_fall_back(tmp_path: Path) -> None:
    root = tmp_path / "game"
    shutil.copytree(FIXTURE, root)
    scene = root / "scenes" / "lab.yaml"
    original = scene.read_text()
    scene.write_text(original.replace("  gate:\n", "  aside:\n    next: hub\n  gate:\n"))
    lib, _ = reload_content([root])
    assert lib is not None
    story = Story(lib, GameState(scene="lab", node="aside"))
    assert story.has_position()
    scene.write_text(original)
    lib, _ = reload_content([root])
    assert lib is not None
    assert Story(lib, story.state).has_position() is False
