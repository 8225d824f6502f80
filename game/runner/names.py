"""Do the dotted names in a puzzle's rules reach real objects in this torch? Lint asks through
`puzzle_runs` (a typo such as `torch.cumsun` would otherwise forbid nothing, silently).

Imports torch (lazily, through `tracing.resolve`); never pygame.
"""

from __future__ import annotations

import difflib

from game.runner.tracing import resolve


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
