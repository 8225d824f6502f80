"""Story: walks the scene graph over a GameState and says what to show now.

The UI calls `view()` to draw, `advance()` after the lines of a `next` node, `choose(i)` for a
choice and `puzzle_solved()` when the gate's puzzle passes. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.library import ContentLibrary
from game.content.scene_models import (
    Branch,
    Effects,
    Ending,
    HowSolved,
    Node,
    Requires,
    Scene,
    SpokenLine,
)
from game.story.state import GameState, HistoryEntry

HISTORY_LIMIT = 2000


class StoryError(Exception):
    """The content points somewhere that does not exist (lint catches this before play)."""


@dataclass(frozen=True)
class ShownLine:
    speaker_id: str | None
    speaker: str | None
    text: str
    color: str | None = None
    portrait: str | None = None


@dataclass(frozen=True)
class ShownChoice:
    index: int
    text: str
    enabled: bool


@dataclass(frozen=True)
class StoryView:
    """What the scene screen shows for the current node."""

    scene_id: str
    scene_title: str
    act: str
    node_id: str
    background: str | None
    lines: list[ShownLine]
    choices: list[ShownChoice]
    puzzle: str | None
    puzzle_prompt: str | None
    ending: Ending | None
    seen_before: bool

    @property
    def can_advance(self) -> bool:
        return not self.choices and self.puzzle is None and self.ending is None


def holds(req: Requires | None, state: GameState) -> bool:
    if req is None:
        return True
    return (
        all(state.has_flag(f) for f in req.flags)
        and not any(state.has_flag(f) for f in req.not_flags)
        and all(state.is_solved(p) for p in req.solved)
        and all(solved_as(cond, state) for cond in req.solved_how)
    )


def _hint_band(hints: int, total: int) -> str:
    if hints == 0:
        return "none"
    return "all" if hints >= total else "some"


def solved_as(cond: HowSolved, state: GameState) -> bool:
    """Whether the puzzle was solved the way `cond` describes. A solve with no record (a save
    from before records existed) meets no test beyond being solved."""
    progress = state.puzzles.get(cond.puzzle)
    if progress is None or not progress.solved:
        return False
    tests = (cond.goal, cond.hints, cond.first_submit, cond.beat_reference)
    if all(test is None for test in tests):
        return True
    record = progress.solve
    if record is None:
        return False
    return (
        (cond.goal is None or cond.goal in record.goals_met)
        and (cond.hints is None or cond.hints == _hint_band(record.hints, record.hints_total))
        and (cond.first_submit is None or cond.first_submit == (record.submits == 1))
        and (cond.beat_reference is None or cond.beat_reference == record.beat_reference)
    )


def split_target(target: str, current_scene: str) -> tuple[str, str | None]:
    """`scene:node` -> (scene, node); `node` -> (current scene, node)."""
    if ":" in target:
        scene, node = target.split(":", 1)
        return scene, node
    return current_scene, target


class Story:
    def __init__(self, library: ContentLibrary, state: GameState):
        self.library = library
        self.state = state

    @classmethod
    def new_game(cls, library: ContentLibrary) -> Story:
        if library.manifest is None:
            raise StoryError("no scenes/_story.yaml: the story has no start")
        scene_id, node_id = split_target(library.manifest.start, "")
        if not scene_id:  # a bare id in the manifest names a scene
            scene_id, node_id = node_id or "", None
        story = cls(library, GameState(scene=scene_id, node=""))
        story._enter(scene_id, node_id)
        return story

    # -- lookups ---------------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        try:
            return self.library.scenes[self.state.scene]
        except KeyError:
            raise StoryError(f"unknown scene `{self.state.scene}`") from None

    @property
    def node(self) -> Node:
        try:
            return self.scene.nodes[self.state.node]
        except KeyError:
            raise StoryError(f"unknown node `{self.state.scene}:{self.state.node}`") from None

    def has_position(self) -> bool:
        scene = self.library.scenes.get(self.state.scene)
        return scene is not None and self.state.node in scene.nodes

    # -- what to show ----------------------------------------------------------------------
    def _shown_lines(self) -> list[ShownLine]:
        scene = self.scene
        out: list[ShownLine] = []
        for line in self.node.lines:
            speaker_id: str | None
            if isinstance(line, str):
                speaker_id, text = None, line
            elif isinstance(line, SpokenLine):
                if not holds(line.requires, self.state):
                    continue
                speaker_id, text = line.speaker, line.text
            else:
                speaker_id, text = next(iter(line.items()))
            speaker = scene.speakers.get(speaker_id) if speaker_id else None
            out.append(
                ShownLine(
                    speaker_id=speaker_id,
                    speaker=speaker.name if speaker else speaker_id,
                    text=text,
                    color=speaker.color if speaker else None,
                    portrait=speaker.portrait if speaker else None,
                )
            )
        return out

    def view(self) -> StoryView:
        node, scene = self.node, self.scene
        choices = [
            ShownChoice(index=i, text=c.text, enabled=holds(c.requires, self.state))
            for i, c in enumerate(node.choices or [])
        ]
        key = f"{scene.id}:{self.state.node}"
        return StoryView(
            scene_id=scene.id,
            scene_title=scene.title,
            act=scene.act,
            node_id=self.state.node,
            background=scene.background,
            lines=self._shown_lines(),
            choices=choices,
            puzzle=node.puzzle.id if node.puzzle else None,
            puzzle_prompt=node.puzzle.prompt if node.puzzle else None,
            ending=node.ending,
            seen_before=self.state.seen.count(key) > 1,
        )

    # -- moving on -------------------------------------------------------------------------
    def _apply(self, effects: Effects | None) -> None:
        if effects is None:
            return
        for flag in effects.set:
            if flag not in self.state.flags:
                self.state.flags.append(flag)
        for flag in effects.clear:
            if flag in self.state.flags:
                self.state.flags.remove(flag)

    def _enter(self, scene_id: str, node_id: str | None) -> None:
        scene = self.library.scenes.get(scene_id)
        if scene is None:
            raise StoryError(f"unknown scene `{scene_id}`")
        node_id = node_id or scene.start
        if node_id not in scene.nodes:
            raise StoryError(f"unknown node `{scene_id}:{node_id}`")
        self.state.scene, self.state.node = scene_id, node_id
        self.state.seen.append(f"{scene_id}:{node_id}")
        self._apply(scene.nodes[node_id].on_enter)
        for line in self._shown_lines():
            self.state.history.append(
                HistoryEntry(scene=scene_id, speaker=line.speaker, text=line.text)
            )
        del self.state.history[:-HISTORY_LIMIT]
        ending = scene.nodes[node_id].ending
        if ending and ending.id not in self.state.endings:
            self.state.endings.append(ending.id)

    def goto(self, target: str) -> None:
        scene_id, node_id = split_target(target, self.state.scene)
        self._enter(scene_id, node_id)

    def advance(self) -> None:
        """Follow `next` (a target or the first branch that holds)."""
        nxt = self.node.next
        if nxt is None:
            raise StoryError("this node waits for a choice, a puzzle or is an ending")
        if isinstance(nxt, str):
            self.goto(nxt)
            return
        branch = first_branch(nxt, self.state)
        if branch is not None:
            self.goto(branch.goto)
            return
        raise StoryError(f"no branch of `{self.state.scene}:{self.state.node}` applies")

    def choose(self, index: int) -> None:
        choices = self.node.choices or []
        if not 0 <= index < len(choices):
            raise StoryError(f"there is no choice {index + 1}")
        choice = choices[index]
        if not holds(choice.requires, self.state):
            raise StoryError("that choice is not available yet")
        self._apply(choice.effects)
        self.goto(choice.goto)

    def puzzle_solved(self, puzzle_id: str) -> None:
        """Record the solve; if the current node gates on this puzzle, move to its success."""
        self.state.progress(puzzle_id).solved = True
        gate = self.node.puzzle
        if gate is not None and gate.id == puzzle_id:
            self.goto(gate.success)


def first_branch(branches: list[Branch], state: GameState) -> Branch | None:
    return next((b for b in branches if holds(b.requires, state)), None)
