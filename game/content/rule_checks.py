"""Lint of a puzzle's rules and toolbox, read without running anything: the allow-list names
real groups (or dotted names; whether those reach real objects is checked by the runner, see
`game.runner.names`), tools name earlier puzzles that exist, and the reference obeys its own
puzzle's rules (a rule the reference cannot meet is unreachable for the player too).

Must not import pygame or torch.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from game.content.diagnostics import Severity, display_path
from game.content.library import ContentLibrary
from game.content.oprules import GROUPS
from game.content.puzzle_entry import PuzzleEntry
from game.content.rule_visitor import CodeContext
from game.content.static_rules import check_code
from game.content.toolbox import defined_names

Report = Callable[[str, str, str, Severity], None]  # (yaml key, code, message, severity)


def did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def check_allow(entry: PuzzleEntry, at_yaml: Report) -> None:
    for name in entry.model.rules.allow or []:
        if "." in name:
            if not name.startswith("torch."):
                at_yaml(
                    "rules",
                    "bad-allow",
                    f"`{name}` in `allow`: only torch operations are allowed by name "
                    "(imports are governed by `allowed_imports`)",
                    "error",
                )
        elif name not in GROUPS:
            at_yaml(
                "rules",
                "unknown-allow-group",
                f"`{name}` in `allow` is no group (groups: {', '.join(GROUPS)})"
                + did_you_mean(name, list(GROUPS)),
                "error",
            )


def check_tools(entry: PuzzleEntry, lib: ContentLibrary, at_yaml: Report) -> None:
    names: dict[str, str] = {}
    for tool in entry.model.tools:
        earlier = lib.puzzles.get(tool.puzzle)
        if earlier is None:
            at_yaml(
                "tools",
                "unknown-tool",
                f"tool `{tool.puzzle}` names no puzzle"
                + did_you_mean(tool.puzzle, list(lib.puzzles)),
                "error",
            )
            continue
        if tool.puzzle == entry.model.id:
            at_yaml("tools", "self-tool", "a puzzle cannot be its own tool", "error")
        name = earlier.model.entry
        if name in names:
            at_yaml(
                "tools",
                "tool-clash",
                f"tools `{names[name]}` and `{tool.puzzle}` both define `{name}`",
                "error",
            )
        names[name] = tool.puzzle


def check_reference_rules(entry: PuzzleEntry, reference: str, report: Callable[..., None]) -> None:
    """Warn when the reference breaks the puzzle's own rules: no player could meet them."""
    model = entry.model
    support = entry.support_path
    context = CodeContext(
        support_names=frozenset(defined_names(support.read_text(encoding="utf-8")))
        if support is not None
        else None,
        tools={t.puzzle: None for t in model.tools},
    )
    for problem in check_code(reference, model.entry, model.rules, context):
        if problem.kind == "rule":
            report(
                display_path(entry.folder / "reference.py"),
                problem.line,
                "rule-unreachable",
                f"the reference breaks its own puzzle's rules, so no player can meet them: "
                f"{problem.message}",
                "warning",
            )
