"""Do the dotted names in a puzzle's rules reach real objects in this torch? Lint asks through
`puzzle_runs` (a typo such as `torch.cumsun` would otherwise forbid nothing, silently).

`resolve`, `resolve_allowed` and `resolve_forbidden` turn the names into objects (or their ids)
for the sandbox's tracer. Imports torch only when a name is resolved; never pygame.
"""

from __future__ import annotations

import difflib
from types import ModuleType
from typing import Any


def unresolved(names: list[str]) -> list[tuple[str, str | None]]:
    """(name, the closest real name or None) for each name that reaches nothing."""
    out: list[tuple[str, str | None]] = []
    for dotted in names:
        try:
            resolve(dotted)
            continue
        except Exception:
            pass
        parts = dotted.split(".")
        suggestion = None
        for cut in range(len(parts) - 1, 0, -1):
            try:
                parent = resolve(".".join(parts[:cut]))
            except Exception:
                continue
            close = difflib.get_close_matches(parts[cut], dir(parent), n=1, cutoff=0.6)
            if close:
                suggestion = ".".join([*parts[:cut], close[0], *parts[cut + 1 :]])
            break
        out.append((dotted, suggestion))
    return out


def resolve(dotted: str) -> Any:
    """The object a dotted name reaches; raises when there is none."""
    parts = dotted.split(".")
    obj: Any = __import__(parts[0])
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj


def resolve_allowed(names: list[str]) -> set[int]:
    """Ids of the functions and methods an allow-list names (groups are not objects)."""
    found: set[int] = set()
    for dotted in names:
        try:
            found.add(id(resolve(dotted)))
        except Exception:
            continue  # lint reports names that reach nothing
    return found


def resolve_forbidden(names: list[str]) -> dict[int, str]:
    """Map the id of every object a forbidden dotted name reaches to that name."""
    found: dict[int, str] = {}
    for dotted in names:
        try:
            obj = resolve(dotted)
        except Exception:
            continue  # a name this torch lacks cannot be called either
        if isinstance(obj, ModuleType):
            for value in vars(obj).values():
                if callable(value) and not isinstance(value, (type, ModuleType)):
                    found.setdefault(id(value), dotted)
        else:
            found[id(obj)] = dotted
    return found
