from pathlib import Path

import pytest

from game.content.library import load_library
from game.story.engine import Story, StoryError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library():
    lib = load_library([REPO])
    assert lib.ok, [d.render() for d in lib.diagnostics]
    return lib


def test_new_game_starts_at_manifest_start(library):
    story = Story.new_game(library)
    view = story.view()
    assert view.scene_id == "prologue"
    assert view.choices


def test_choice_sets_flag_and_changes_later_lines(library):
    story = Story.new_game(library)
    coffee = next(c.index for c in story.view().choices if "coffee" in c.text.lower())
    story.choose(coffee)
    assert "noticed_coffee" in story.state.flags
    while story.view().can_advance:
        story.advance()
    assert story.view().puzzle == "summon_tensors"
    story.puzzle_solved("summon_tensors")
    texts = " ".join(line.text for line in story.view().lines)
    assert "coffee" in texts


def test_unavailable_choice_is_refused(library):
    story = Story.new_game(library)
    with pytest.raises(StoryError):
        story.choose(99)
