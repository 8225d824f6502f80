"""The toolbox of a puzzle: what the player may import besides torch, and from where.

- `support`: the puzzle's support module (its own `support.py` or a mod's shared one). The
  player sees only what it defines: its top-level functions, classes and constants, or its
  `__all__` when it has one; never the modules it imports.
- `tools`: the player's own passing answers to earlier puzzles named in `tools:`; where the
  author allows it the Professor's reference stands in until the player has solved one.

Both the UI (to show the toolbox) and the runner (to build it) read this. Pure: parses
Python with `ast`, never runs it; must not import torch or pygame.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry

Origin = str  # "yours" | "reference" | "missing"


@dataclass(frozen=True)
class ToolLine:
    """One thing in the toolbox, as the terminal shows it."""

    module: str  # "tools" or "support"
    name: str
    signature: str
    origin: Origin
    note: str


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def defined_names(source: str) -> list[str]:
    """The public names a support module defines (its `__all__` when it has one)."""
    tree = _parse(source)
    if tree is None:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    if target.id == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                        return [
                            e.value
                            for e in node.value.elts
                            if isinstance(e, ast.Constant) and isinstance(e.value, str)
                        ]
                    names.append(target.id)
    return [n for n in dict.fromkeys(names) if not n.startswith("_")]


def _signatures(source: str) -> dict[str, str]:
    tree = _parse(source)
    out: dict[str, str] = {}
    for node in tree.body if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            ret = f" -> {ast.unparse(node.returns)}" if node.returns else ""
            out[node.name] = f"{node.name}({ast.unparse(node.args)}){ret}"
        elif isinstance(node, ast.ClassDef):
            out[node.name] = f"class {node.name}"
    return out


def support_lines(path: Path | None) -> list[ToolLine]:
    if path is None:
        return []
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    signatures = _signatures(source)
    return [
        ToolLine("support", name, signatures.get(name, name), "support", "")
        for name in defined_names(source)
    ]


def tool_lines(
    entry: PuzzleEntry, library: ContentLibrary, solutions: dict[str, str]
) -> list[ToolLine]:
    """The tools of `entry`, given the player's passing solutions by puzzle id."""
    out = []
    for tool in entry.model.tools:
        earlier = library.puzzles.get(tool.puzzle)
        if earlier is None:
            out.append(ToolLine("tools", tool.puzzle, tool.puzzle, "missing", "not installed"))
            continue
        model = earlier.model
        if tool.puzzle in solutions:
            origin, note = "yours", f"your answer to '{model.title}'"
        elif tool.reference_stands_in:
            origin, note = "reference", f"the Professor's, until you solve '{model.title}'"
        else:
            origin, note = "missing", f"solve '{model.title}' first to earn it"
        out.append(ToolLine("tools", model.entry, model.signature, origin, note))
    return out


def toolbox_markdown(lines: list[ToolLine]) -> str:
    """The toolbox as a Markdown section for the terminal's brief pane ('' when empty)."""
    if not lines:
        return ""
    out = ["## Toolbox", ""]
    for line in lines:
        how = f"from {line.module} import {line.name}"
        state = "" if line.origin in ("yours", "support") else " *(locked)*"
        if line.origin == "reference":
            state = " *(lent)*"
        note = f": {line.note}" if line.note else ""
        out.append(f"- `{line.signature}`{state}{note}. Import it: `{how}`")
    return "\n".join(out) + "\n"
