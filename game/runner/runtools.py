"""The toolbox one run gets: for each earlier puzzle a puzzle lists as a tool, the player's passing
answer to it (re-checked against that puzzle's own rules), or its reference where the puzzle lets
the reference stand in; and what the static check must know of it (which names are tools, and
which are missing with a sentence saying how to earn them). Never pygame.
"""

from __future__ import annotations

from collections.abc import Callable

from game.content.puzzle_entry import PuzzleEntry
from game.content.rule_visitor import CodeContext
from game.content.static_rules import check_code as check_static
from game.content.toolbox import defined_names
from game.runner.tracing import tensor_members

Tools = dict[str, dict[str, str]]


def gather_tools(
    entry: PuzzleEntry, solutions: dict[str, str], find: Callable[[str], PuzzleEntry | None]
) -> tuple[Tools, CodeContext]:
    """The tools of `entry`'s run and the static check's context; `find` looks an earlier
    puzzle up by id (None: not in the loaded content)."""
    tools: Tools = {}
    missing: dict[str, str | None] = {}
    for tool in entry.model.tools:
        earlier = find(tool.puzzle)
        if earlier is None:
            continue
        name = earlier.model.entry
        code = solutions.get(tool.puzzle)
        if code is not None and check_static(code, name, earlier.model.rules):
            code = None  # not an answer that obeys its own puzzle's rules
        if code is None and tool.reference_stands_in:
            code = (earlier.folder / "reference.py").read_text(encoding="utf-8")
        if code is None:
            missing[name] = (
                f"`{name}` is your answer to '{earlier.model.title}': solve that puzzle "
                "first, and it joins your toolbox"
            )
            continue
        tools[name] = {"puzzle": tool.puzzle, "entry": name, "code": code}
        missing[name] = None
    support = entry.support_path
    context = CodeContext(
        support_names=frozenset(defined_names(support.read_text(encoding="utf-8")))
        if support is not None
        else None,
        tools=missing,
        tensor_members=tensor_members(),
    )
    return tools, context
