"""The format reference in MODDING.md, written from the pydantic models' field descriptions (the
single source of truth). A test fails when the guide and the models disagree; regenerate with
`python -m game.content.docgen --write MODDING.md` (and README.md's puzzle table with
`python -m game.content.docgen --readme`). Must not import pygame or torch.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.content import builtins
from game.content.base import ID_PATTERN, TARGET_PATTERN
from game.content.codes import CODES
from game.content.mod_models import Dependency, Entry, ModManifest
from game.content.puzzle_models import Goal, Limits, Puzzle, Rules, Tolerance
from game.content.scene_models import (
    Act,
    Branch,
    Choice,
    Effects,
    Ending,
    HowSolved,
    Node,
    PuzzleGate,
    Requires,
    Scene,
    Speaker,
    SpokenLine,
    StoryManifest,
)

START, END = "<!-- reference:start -->", "<!-- reference:end -->"

SECTIONS: list[tuple[str, str, list[type[BaseModel]]]] = [
    (
        "Scenes",
        "`scenes/<scene_id>.yaml`",
        [
            Scene,
            Speaker,
            Node,
            SpokenLine,
            Choice,
            Branch,
            PuzzleGate,
            Ending,
            Requires,
            HowSolved,
            Effects,
        ],
    ),
    ("The story manifest", "`scenes/_story.yaml` (base game only)", [StoryManifest, Act]),
    ("Puzzles", "`puzzles/<puzzle_id>/puzzle.yaml`", [Puzzle, Tolerance, Rules, Limits, Goal]),
    ("Mods", "`mod.yaml` at the top of a mod folder", [ModManifest, Entry, Dependency]),
]
_PATTERN_NAMES = {ID_PATTERN: "id", TARGET_PATTERN: "target"}


def _pattern_name(metadata: list[Any]) -> str | None:
    for meta in metadata:
        name = _PATTERN_NAMES.get(getattr(meta, "pattern", None) or "")
        if name:
            return name
    return None


def type_name(tp: Any) -> str:
    """A short, reader-facing name for an annotation."""
    if typing.get_origin(tp) is typing.Annotated:
        base, *meta = typing.get_args(tp)
        return _pattern_name(meta) or type_name(base)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        names = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"mapping {type_name(args[0])} → {type_name(args[1])}"
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", int: "integer", float: "number", bool: "true/false"}.get(tp, str(tp))


def _field_type(info: FieldInfo) -> str:
    return _pattern_name(info.metadata) or type_name(info.annotation)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    factory = info.default_factory
    value = factory() if factory else info.default  # type: ignore[call-arg]
    if isinstance(value, BaseModel):
        return "see below"
    if value is None:
        return "none"
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"`{text}`"


def _bounds(info: FieldInfo) -> str:
    """The field's limits in words (from its constraints), e.g. "1 to 5", "at most 64
    characters": every range the schema enforces is in the table."""
    low = high = None
    low_open = high_open = False
    parts = []
    for meta in info.metadata:
        if getattr(meta, "ge", None) is not None:
            low = meta.ge
        if getattr(meta, "gt", None) is not None:
            low, low_open = meta.gt, True
        if getattr(meta, "le", None) is not None:
            high = meta.le
        if getattr(meta, "lt", None) is not None:
            high, high_open = meta.lt, True
        if getattr(meta, "min_length", None):
            n = meta.min_length
            parts.append("not empty" if n == 1 else f"at least {n} long")
        if getattr(meta, "max_length", None):
            parts.append(f"at most {meta.max_length} characters")
    if low is not None and high is not None:
        first = f"more than {low}" if low_open else f"{low}"
        last = f"less than {high}" if high_open else f"{high}"
        parts.insert(0, f"{first} to {last}")
    elif low is not None:
        parts.insert(0, f"more than {low}" if low_open else f"at least {low}")
    elif high is not None:
        parts.insert(0, f"less than {high}" if high_open else f"at most {high}")
    return f" Range: {'; '.join(parts)}." if parts else ""


METRICS: dict[str, str] = {
    "ops": "torch operations dispatched by one call of the entry function (ATen ops, counted "
    "below Python): `x * 2`, `x.sum()`, `x.view(...)`, `x.softmax(-1)` and a 2-D `x @ w` count "
    "1 each, but composites count every op they are built from: a batched 3-D `@` 3-D counts "
    "6 and a `torch.einsum` 11 to 13 for common products. The most over the visible examples; "
    "run the reference through `torchenstein check` to see its count.",
    "code_lines": "Lines holding code; blank lines and comment lines do not count.",
    "code_chars": "Characters of the whole code, leading and trailing whitespace removed.",
    "peak_memory_bytes": "The peak bytes held by tensors the code allocated during one call "
    "(inputs do not count); the most over the visible examples.",
    "time_ms": "The median time of one call of the entry function over the visible examples, "
    "in milliseconds (depends on the machine).",
}


def _metrics() -> str:
    rows = [
        "## Reference: scores (goal metrics)",
        "",
        "A goal passes when the score is at most its `max`. Lint runs the reference and warns "
        "(`goal-unreachable`) when even the reference misses a goal by a wide margin; try the "
        "reference's scores before you set a goal: `torchenstein check ID reference.py`.",
        "",
        "| Metric | What is counted |",
        "|---|---|",
    ]
    rows += [f"| `{name}` | {_cell(text)} |" for name, text in METRICS.items()]
    return "\n".join(rows)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def model_table(model: type[BaseModel]) -> str:
    doc = " ".join((model.__doc__ or "").split())
    rows = [
        f"### {model.__name__}",
        "",
        doc,
        "",
        "| Key | Type | Default | Meaning |",
        "|---|---|---|---|",
    ]
    for name, info in model.model_fields.items():
        rows.append(
            f"| `{name}` | {_cell(_field_type(info))} | {_default(info)} | "
            f"{_cell((info.description or '') + _bounds(info))} |"
        )
    return "\n".join(rows)


def _builtins() -> str:
    def ids(values: frozenset[str]) -> str:
        return ", ".join(f"`{v}`" for v in sorted(values))

    return (
        "## Reference: built-in art\n\n"
        "Instead of an image file, `background` and `portrait` may name art the game draws "
        "itself.\n\n"
        f"- Backdrops: {ids(builtins.BACKDROPS)}\n"
        f"- Portraits: {ids(builtins.PORTRAITS)}\n"
        f"- Image files: {', '.join(builtins.IMAGE_SUFFIXES)}; music files: "
        f"{', '.join(builtins.SOUND_SUFFIXES)}"
    )


def _codes() -> str:
    rows = ["## Reference: lint codes", "", "| Code | Meaning |", "|---|---|"]
    rows += [f"| `{code}` | {_cell(text)} |" for code, text in CODES.items()]
    return "\n".join(rows)


def render_reference() -> str:
    parts = []
    for title, where, models in SECTIONS:
        parts.append(f"## Reference: {title}\n\nFile: {where}.")
        parts.extend(model_table(m) for m in models)
    parts += [_metrics(), _builtins(), _codes()]
    return "\n\n".join(parts) + "\n"


def splice(guide: str) -> str:
    """`guide` with the text between the reference markers replaced by a fresh reference."""
    head, _, rest = guide.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{render_reference()}{END}{tail}"


def main(argv: list[str]) -> int:
    if argv == ["--readme"]:  # README.md's puzzle table, from the base game's content
        from game.content.library import load_library
        from game.content.story_order import write_readme

        repo = Path(__file__).resolve().parents[2]
        write_readme(repo / "README.md", load_library([repo]))
        return 0
    if len(argv) == 2 and argv[0] == "--write":
        path = Path(argv[1])
        path.write_text(splice(path.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    print(render_reference(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
