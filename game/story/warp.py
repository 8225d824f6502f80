"""Starting the story somewhere other than its beginning, for writers and modders
(`torchenstein play --at SCENE[:NODE]`, the `--dev` panel): the place is checked, the flags
are set and the named puzzles counted as solved before the node is entered, so its lines,
`on_enter` effects and conditions behave as in a real playthrough. Must not import pygame or
torch.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.content.library import ContentLibrary
from game.content.validate import suggest
from game.story.engine import Story, StoryError
from game.story.state import GameState


def resolve_place(library: ContentLibrary, target: str) -> tuple[str, str]:
    """`scene` or `scene:node` -> (scene, node); StoryError with the likely fix if missing."""
    scene_id, _, node_id = target.partition(":")
    scene = library.scenes.get(scene_id)
    if scene is None:
        raise StoryError(f"there is no scene `{scene_id}`.{suggest(scene_id, library.scenes)}")
    node_id = node_id or scene.start
    if node_id not in scene.nodes:
        raise StoryError(
            f"scene `{scene_id}` has no node `{node_id}`.{suggest(node_id, scene.nodes)}"
        )
    return scene_id, node_id


def warp(
    library: ContentLibrary,
    target: str,
    flags: Iterable[str] = (),
    solved: Iterable[str] = (),
) -> Story:
    """A new playthrough that starts at `target` with `flags` set and `solved` puzzles solved."""
    scene_id, node_id = resolve_place(library, target)
    state = GameState(scene=scene_id, node="", flags=list(dict.fromkeys(flags)))
    for puzzle_id in solved:
        if puzzle_id not in library.puzzles:
            raise StoryError(
                f"there is no puzzle `{puzzle_id}`.{suggest(puzzle_id, library.puzzles)}"
            )
        state.progress(puzzle_id).solved = True
    story = Story(library, state)
    story.goto(f"{scene_id}:{node_id}")
    return story


def jump(story: Story, target: str) -> None:
    """Move a playthrough in progress to `target` (the dev panel), flags and progress kept."""
    scene_id, node_id = resolve_place(story.library, target)
    story.goto(f"{scene_id}:{node_id}")


def all_places(library: ContentLibrary) -> list[str]:
    """Every `scene:node` of the story, for the dev panel's list."""
    return [f"{sid}:{nid}" for sid, scene in sorted(library.scenes.items()) for nid in scene.nodes]
