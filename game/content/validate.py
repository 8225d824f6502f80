"""Turn pydantic validation errors into diagnostics that name file, line, key and a fix.

One mistake gives one message: union branches are chosen by discriminators in the models, a
misspelt key is reported once as "unknown key ... did you mean" (not also as a missing key), and
pattern errors say in words what an id looks like. Must not import pygame or torch.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.content.base import ID_PATTERN, TARGET_PATTERN
from game.content.diagnostics import ContentError, Diagnostic
from game.content.versions import VERSION_PATTERN
from game.content.yaml_source import YamlDocument

M = TypeVar("M", bound=BaseModel)

_PATTERN_WORDS = {
    ID_PATTERN: "an id: lower-case letters, digits and underscores, starting with a letter",
    TARGET_PATTERN: "a target: `node_id` or `scene_id:node_id` (lower-case ids)",
    VERSION_PATTERN: "a version like `1.0.0`",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "a Python name like `my_function`",
    r"^#[0-9a-fA-F]{6}$": "a colour like `#ff9a3c`",
}


def suggest(word: str, options: Any) -> str:
    """' Did you mean `x`?' or ''."""
    close = difflib.get_close_matches(str(word), sorted(str(o) for o in options), n=1, cutoff=0.6)
    return f" Did you mean `{close[0]}`?" if close else ""


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _members(tp: Any) -> list[Any]:
    tp = _strip(tp)
    if typing.get_origin(tp) in (Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp]


def _tag_of(tp: Any) -> str | None:
    for meta in getattr(tp, "__metadata__", ()):
        tag = getattr(meta, "tag", None)
        if isinstance(tag, str):
            return tag
    return None


def _step(tp: Any, part: Any) -> Any | None:
    """The type found one `loc` step below `tp`, or None when unknown."""
    raw = _strip(tp)
    if typing.get_origin(raw) in (Union, types.UnionType):
        options = typing.get_args(raw)
        tagged = [o for o in options if _tag_of(o) == part]
        if tagged:
            return tagged[0]
        results = [r for o in options if (r := _step(o, part)) is not None]
        return results[0] if results else None
    if isinstance(raw, type) and issubclass(raw, BaseModel):
        field = raw.model_fields.get(str(part))
        return field.annotation if field else None
    origin, args = typing.get_origin(raw), typing.get_args(raw)
    if origin is list and args and isinstance(part, int):
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _keys_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """Field names of the model that `loc` (a pydantic error location) points into."""
    tp: Any = model
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return set()
    return {
        name
        for member in _members(tp)
        if isinstance(member, type) and issubclass(member, BaseModel)
        for name in member.model_fields
    }


def _data_path(data: Any, loc: tuple) -> tuple:
    """Keep only the parts of a pydantic `loc` that really index into `data` (drops union tags)."""
    path: list = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
    return tuple(path)


def _describe(err: ErrorDetails, key: str) -> str:
    """A plain-words message for an error that is not about a missing or unknown key."""
    kind = err["type"]
    value = err.get("input")
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        wanted = _PATTERN_WORDS.get(pattern, f"text matching `{pattern}`")
        return f"`{key}`: `{value}` is not {wanted}"
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        what = "true/false" if isinstance(value, bool) else "a number"
        return f"`{key}`: expected text but YAML read `{value}` as {what}; put it in quotes"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return f"`{key}`: needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_type" and value is None:
        return f"`{key}`: expected text but the value is empty"
    message = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return f"`{key}`: {message}"


def validate(doc: YamlDocument, model: type[M]) -> M:
    """Validate `doc.data` against `model`; raise ContentError listing every problem,
    including those the YAML reader noted (duplicate keys, tags)."""
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError([*doc.problems, *errors_to_diagnostics(doc, model, exc)]) from None
    if doc.problems:
        raise ContentError(list(doc.problems))
    return result


def errors_to_diagnostics(
    doc: YamlDocument, model: type[BaseModel], exc: ValidationError
) -> list[Diagnostic]:
    errors = exc.errors()
    # A misspelt key shows up twice (unknown `txt`, missing `text`): keep the unknown one only.
    misspelt: set[tuple] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            bad = str(err["loc"][-1])
            close = difflib.get_close_matches(bad, sorted(_keys_at(model, err["loc"][:-1])), n=1)
            if close:
                misspelt.add((err["loc"][:-1], close[0]))
    out: dict[tuple, Diagnostic] = {}
    for err in errors:
        loc = err["loc"]
        path = _data_path(doc.data, loc)
        if any(path[: len(v)] == v for v in doc.voided):
            continue
        key = ".".join(str(p) for p in path) or "(top level)"
        if err["type"] == "extra_forbidden":
            bad = str(loc[-1])
            known = _keys_at(model, loc[:-1])
            hint = suggest(bad, known)
            if not hint and known:
                hint = " Allowed here: " + ", ".join(f"`{k}`" for k in sorted(known)) + "."
            parent = ".".join(str(p) for p in path[:-1]) or "the top level"
            message = f"unknown key `{bad}` in {parent}.{hint}"
            code = "unknown-key"
        elif err["type"] == "missing":
            if (loc[:-1], str(loc[-1])) in misspelt:
                continue
            message = f"missing required key `{loc[-1]}` in `{key}`"
            code = "missing-key"
        else:
            message = _describe(err, key)
            code = "invalid"
        # Defensive: if several errors land on one spot and kind, one message is enough.
        slot = (path, code, message if code != "invalid" else "")
        if slot not in out:
            line = doc.line_of(path)
            out[slot] = Diagnostic(file=doc.file, line=line, code=code, message=message)
    return sorted(out.values(), key=lambda d: d.line or 0)
