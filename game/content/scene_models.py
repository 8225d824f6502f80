"""The scene format: one YAML file per scene in `scenes/`, plus `scenes/_story.yaml`.

These models are the single source of truth for the format; their docstrings and field
descriptions are the modder's reference. Must not import pygame or torch.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, WithJsonSchema, model_validator

from game.content.base import ID_PATTERN, Ident, StrictModel, Target


class HowSolved(StrictModel):
    """A condition on how the player solved a puzzle: it holds when the puzzle is solved and
    every listed test holds. Saves from before solves were recorded meet only `puzzle`."""

    puzzle: Ident = Field(description="Puzzle id: a folder under `puzzles/`.")
    goal: Ident | None = Field(
        default=None, description="A goal id of that puzzle, met by some passing Submit."
    )
    hints: Literal["none", "some", "all"] | None = Field(
        default=None,
        description="Hints unlocked when it was first passed: `none`, `some` (at least one, not "
        "all) or `all`.",
    )
    first_submit: bool | None = Field(
        default=None,
        description="`true`: passed at the very first Submit; `false`: it took more than one.",
    )
    beat_reference: bool | None = Field(
        default=None,
        description="`true`: some passing Submit beat the reference solution's scores on "
        "balance (the same ranking as the lab notebook's best solution); `false`: none did.",
    )


class Requires(StrictModel):
    """A condition on the story state. Every listed item must hold."""

    flags: list[Ident] = Field(default_factory=list, description="Flags that must be set.")
    not_flags: list[Ident] = Field(default_factory=list, description="Flags that must NOT be set.")
    solved: list[Ident] = Field(default_factory=list, description="Puzzle ids that must be solved.")
    solved_how: list[HowSolved] = Field(
        default_factory=list,
        description="Tests on how puzzles were solved (goals, hints, first Submit, the "
        "reference's score); all must hold.",
    )


class Effects(StrictModel):
    """Changes to the story state, applied when a choice is taken or a node is entered."""

    set: list[Ident] = Field(default_factory=list, description="Flags to set.")
    clear: list[Ident] = Field(default_factory=list, description="Flags to clear.")


class Speaker(StrictModel):
    """Someone who talks in this scene."""

    name: str = Field(description="Name shown above their lines, e.g. 'Professor Torchenstein'.")
    portrait: str | None = Field(
        default=None, description="Portrait image under `assets/`, or a built-in portrait id."
    )
    color: str | None = Field(
        default=None, pattern=r"^#[0-9a-fA-F]{6}$", description="Name colour as #rrggbb."
    )


class SpokenLine(StrictModel):
    """The long form of a line: who says it, and optionally when it is shown."""

    speaker: Ident | None = Field(default=None, description="Speaker id; omit for the narrator.")
    text: str = Field(min_length=1, description="What is said. `code` spans are drawn in mono.")
    requires: Requires | None = Field(
        default=None, description="Show this line only when the condition holds."
    )


def _one_key(line: dict[str, str]) -> dict[str, str]:
    if len(line) != 1:
        raise ValueError(
            "a short-form line is a mapping with one key, `{speaker_id: text}`; "
            "use `speaker:` and `text:` keys for the long form"
        )
    return line


_SHORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Short form: `{speaker_id: text}`.",
    "minProperties": 1,
    "maxProperties": 1,
    "patternProperties": {ID_PATTERN: {"type": "string"}},
    "additionalProperties": False,
    "propertyNames": {"not": {"enum": ["speaker", "text", "requires"]}},
}


def _line_form(value: Any) -> str:
    """Pick the one form a line is meant to be, so a mistake gets one error, not three."""
    if isinstance(value, SpokenLine):
        return "long"
    if isinstance(value, dict):
        long_keys = set(SpokenLine.model_fields)
        return "long" if long_keys & set(value) else "short"
    return "text"


Line = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[
        dict[Ident, str], AfterValidator(_one_key), Tag("short"), WithJsonSchema(_SHORT_SCHEMA)
    ]
    | Annotated[SpokenLine, Tag("long")],
    Discriminator(_line_form),
]
"""A line is a bare string (the narrator), a one-key mapping `{speaker_id: text}`, or a
`SpokenLine` mapping with `speaker`, `text` and `requires`."""


class Choice(StrictModel):
    """One option the player can pick."""

    text: str = Field(min_length=1, description="What the button says.")
    goto: Target = Field(description="Where the choice leads: `node` or `scene:node`.")
    requires: Requires | None = Field(
        default=None, description="Offer the choice only when this holds (shown greyed otherwise)."
    )
    effects: Effects | None = Field(default=None, description="State changes when picked.")


class Branch(StrictModel):
    """A conditional jump: the first branch whose `requires` holds is taken."""

    goto: Target = Field(description="Where to go.")
    requires: Requires | None = Field(default=None, description="Condition; omit for 'otherwise'.")


def _next_form(value: Any) -> str:
    return "branches" if isinstance(value, list) else "target"


NextStep = Annotated[
    Annotated[Target, Tag("target")] | Annotated[list[Branch], Tag("branches")],
    Discriminator(_next_form),
]
"""`next` is a target, or a list of branches tried in order."""


class PuzzleGate(StrictModel):
    """A puzzle the player must solve to continue: the lab terminal opens on it."""

    id: Ident = Field(description="Puzzle id: a folder under `puzzles/`.")
    success: Target = Field(description="Where the story goes once the puzzle is solved.")
    prompt: str | None = Field(
        default=None, description="Button text for opening the terminal, e.g. 'Open the terminal'."
    )


class Ending(StrictModel):
    """The story ends here."""

    id: Ident = Field(description="Ending id, recorded in the save and shown in the credits.")
    title: str = Field(description="Ending title, e.g. 'The Open Lab'.")
    text: str | None = Field(default=None, description="A closing paragraph for the ending screen.")


class Node(StrictModel):
    """A step of the story: some lines, then exactly one of `choices`, `next`, `puzzle` or
    `ending`."""

    lines: list[Line] = Field(default_factory=list, description="Lines shown in order.")
    on_enter: Effects | None = Field(default=None, description="State changes on arrival.")
    choices: list[Choice] | None = Field(default=None, min_length=1, description="Options to pick.")
    next: NextStep | None = Field(
        default=None, description="Where to go after the lines: a target or a list of branches."
    )
    puzzle: PuzzleGate | None = Field(default=None, description="A puzzle gate.")
    ending: Ending | None = Field(default=None, description="An ending of the story.")

    @model_validator(mode="after")
    def _exactly_one_exit(self) -> Node:
        exits = [k for k in ("choices", "next", "puzzle", "ending") if getattr(self, k) is not None]
        if len(exits) != 1:
            found = ", ".join(exits) if exits else "none"
            raise ValueError(
                "a node needs exactly one of `choices`, `next`, `puzzle` or `ending` "
                f"(found: {found})"
            )
        return self


class Scene(StrictModel):
    """One scene: `scenes/<id>.yaml`. The file name must equal the id."""

    id: Ident = Field(description="Scene id; equals the file name without `.yaml`.")
    title: str = Field(description="Title shown on the chapter map and in saves.")
    act: Ident = Field(description="The act this scene belongs to (an id from `_story.yaml`).")
    background: str | None = Field(
        default=None, description="Background: an image under `assets/` or a built-in backdrop id."
    )
    music: str | None = Field(default=None, description="Music file under `assets/` (optional).")
    speakers: dict[Ident, Speaker] = Field(
        default_factory=dict, description="Who speaks here, by speaker id."
    )
    start: Ident = Field(description="The node where the scene begins.")
    nodes: dict[Ident, Node] = Field(min_length=1, description="The scene's nodes, by node id.")


class Act(StrictModel):
    """An act of the story, for the chapter map."""

    id: Ident = Field(description="Act id, named by scenes' `act` and puzzles' `chapter`.")
    title: str = Field(description="Title shown on the chapter map.")
    summary: str | None = Field(default=None, description="A sentence under the title.")


class StoryManifest(StrictModel):
    """`scenes/_story.yaml`: the story's title, where it starts and its acts in order."""

    title: str = Field(description="The story's title.")
    start: Target = Field(description="Where a new game begins: `scene_id:node_id` or `scene_id`.")
    acts: list[Act] = Field(min_length=1, description="Acts in playing order.")
