"""The path through the puzzles: README.md lists them in story order with their difficulty
(generated from content), and difficulty rises smoothly, so nothing needs a trick taught later."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.library import ContentLibrary, load_library
from game.content.story_order import END, START, render_table, splice, story_order

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    lib = load_library([REPO])
    assert lib.ok, [d.render() for d in lib.diagnostics]
    return lib


def test_readme_lists_the_puzzles_as_the_content_does(library: ContentLibrary) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme
    assert splice(readme, library) == readme, (
        "README.md's puzzle table is out of date: run `python -m game.content.docgen --readme`"
    )
    assert render_table(library).count("\n") == len(library.puzzles) + 2


def test_difficulty_rises_smoothly(library: ContentLibrary) -> None:
    hardest = 0
    for entry in story_order(library):
        model = entry.model
        assert model.difficulty <= hardest + 1, (
            f"`{model.id}` (difficulty {model.difficulty}) comes before anything of difficulty "
            f"{model.difficulty - 1}: move it later or make the way up to it gentler"
        )
        hardest = max(hardest, model.difficulty)


def test_chunked_attention_comes_after_attention_and_the_max_trick(
    library: ContentLibrary,
) -> None:
    order = [e.model.id for e in story_order(library)]
    assert order.index("chunked_attention") > order.index("masked_attention")
    assert order.index("chunked_attention") > order.index("stable_cross_entropy")


def test_every_puzzle_sits_in_the_act_of_its_gate(library: ContentLibrary) -> None:
    for scene in library.scenes.values():
        for node in scene.nodes.values():
            if node.puzzle is not None and node.puzzle.id in library.puzzles:
                assert library.puzzles[node.puzzle.id].model.chapter == scene.act, node.puzzle.id
