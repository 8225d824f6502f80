"""Turn pydantic validation errors into diagnostics that name file, line, key and a fix.

Must not import pygame or torch.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.content.diagnostics import ContentError, Diagnostic
from game.content.yaml_source import YamlDocument

M = TypeVar("M", bound=BaseModel)


def _known_keys(model: type[BaseModel]) -> set[str]:
    """Every field name reachable from `model`, for 'did you mean' suggestions."""
    seen: set[type[BaseModel]] = set()
    keys: set[str] = set()

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.add(tp)
            for name, info in tp.model_fields.items():
                keys.add(name)
                visit(info.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            visit(arg)

    visit(model)
    return keys


def _data_path(data: Any, loc: tuple) -> tuple:
    """Keep only the parts of a pydantic `loc` that really index into `data` (drops union tags)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
    return tuple(path)


def suggest(word: str, options: set[str] | list[str]) -> str:
    """' Did you mean `x`?' or ''."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" Did you mean `{close[0]}`?" if close else ""


def validate(doc: YamlDocument, model: type[M]) -> M:
    """Validate `doc.data` against `model`; raise ContentError listing every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(errors_to_diagnostics(doc, model, exc)) from None


def errors_to_diagnostics(
    doc: YamlDocument, model: type[BaseModel], exc: ValidationError
) -> list[Diagnostic]:
    known = _known_keys(model)
    out: dict[tuple, Diagnostic] = {}
    for err in exc.errors():
        path = _data_path(doc.data, err["loc"])
        key = ".".join(str(p) for p in path) or "(top level)"
        if err["type"] == "extra_forbidden":
            bad = str(err["loc"][-1])
            message = f"unknown key `{bad}` at `{key}`.{suggest(bad, known)}"
            code = "unknown-key"
        elif err["type"] == "missing":
            missing = str(err["loc"][-1])
            message = f"missing required key `{missing}` in `{key}`"
            code = "missing-key"
        else:
            message = f"`{key}`: {err['msg']}"
            code = "invalid"
        # Union members each report the same spot; one diagnostic per spot and kind is enough.
        slot = (path, code, message if code != "invalid" else "")
        if slot not in out:
            out[slot] = Diagnostic(file=doc.file, line=doc.line_of(path), code=code, message=message)
    return list(out.values())
