"""Which top-level modules a puzzle's code may import: the puzzle's `allowed_imports`, the
standard-library modules that cannot touch the outside world (`SAFE_IMPORTS`), and `support`
when the puzzle ships a `support.py`, less any module a `forbidden` rule names.

One definition for the static rules, the sandbox's import guard and the brief's "How it is
checked" section, so what the player is told is what is enforced. Must not import pygame or
torch.
"""

from __future__ import annotations

from game.content.puzzle_models import Rules

# Pure computation and type plumbing: none of these reads files, opens sockets or starts
# processes, so refusing them only punishes tidy code.
SAFE_IMPORTS: frozenset[str] = frozenset(
    {
        "__future__",
        "typing",
        "dataclasses",
        "functools",
        "itertools",
        "operator",
        "collections",
        "math",
        "re",
        "string",
        "enum",
    }
)


def importable(rules: Rules, has_support: bool, has_tools: bool = False) -> list[str]:
    """The modules the code may import, sorted: `tools` too when the puzzle offers earlier
    answers as tools."""
    names = set(rules.allowed_imports) | SAFE_IMPORTS | ({"support"} if has_support else set())
    names |= {"tools"} if has_tools else set()
    return sorted(names - set(rules.forbidden))
