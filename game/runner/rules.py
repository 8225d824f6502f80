"""Static checks of the player's code before anything runs: syntax, the entry function, and the
puzzle's rules (forbidden names, loops, imports, line count), each naming the line.

Pure AST work: must not import torch or pygame (the trusted runner calls it before spending a
sandbox on code that cannot pass).
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from typing import Literal

from game.content.imports import importable
from game.content.puzzle_models import Rules

# Ways around every other rule (running strings as code, importing by name): never allowed.
ESCAPE_HATCHES = {
    "exec": "runs a string as code",
    "eval": "runs a string as code",
    "compile": "builds code from a string",
    "__import__": "imports by name",
    "__builtins__": "reaches around the rules",
    "breakpoint": "stops for a debugger that is not there",
}
_LOOPS: dict[type, str] = {
    ast.For: "a `for` loop",
    ast.AsyncFor: "an `async for` loop",
    ast.While: "a `while` loop",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}


@dataclass(frozen=True)
class Problem:
    kind: Literal["syntax", "rule", "missing_function"]
    line: int | None
    message: str


def count_code_lines(code: str) -> int:
    """Lines holding code: blank lines and comments do not count."""
    lines: set[int] = set()
    skip = {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
        tokenize.ENCODING,
    }
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type not in skip:
                lines.update(range(tok.start[0], tok.end[0] + 1))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return sum(1 for ln in code.splitlines() if ln.strip() and not ln.strip().startswith("#"))
    return len(lines)


def check_syntax(code: str) -> tuple[ast.Module | None, Problem | None]:
    try:
        return ast.parse(code, filename="<your code>"), None
    except SyntaxError as exc:
        where = f" (line {exc.lineno})" if exc.lineno else ""
        text = exc.msg if isinstance(exc.msg, str) else str(exc)
        return None, Problem("syntax", exc.lineno, f"Python cannot read your code{where}: {text}")
    except ValueError as exc:  # e.g. null bytes in the source
        return None, Problem("syntax", None, f"Python cannot read your code: {exc}")


def _defines(tree: ast.Module, name: str) -> bool:
    for node in tree.body:
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.name == name
        ):
            return True
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((a.asname or a.name.split(".")[0]) == name for a in node.names):
                return True
        elif isinstance(node, (ast.If, ast.Try, ast.With)) and _defines(
            ast.Module(
                body=[n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt)],
                type_ignores=[],
            ),
            name,
        ):
            return True
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    return False


class _RuleVisitor(ast.NodeVisitor):
    def __init__(self, rules: Rules, has_support: bool) -> None:
        self.rules = rules
        self.allowed = set(importable(rules, has_support))
        self.forbidden = list(rules.forbidden)
        self.method_names = {
            f.rsplit(".", 1)[1] for f in self.forbidden if f.startswith("torch.Tensor.")
        }
        self.aliases: dict[str, str] = {}  # local name -> dotted path it stands for
        self.problems: list[Problem] = []

    def _flag(self, node: ast.AST, message: str) -> None:
        problem = Problem("rule", getattr(node, "lineno", None), message)
        if problem not in self.problems:
            self.problems.append(problem)

    def _forbidden_hit(self, dotted: str) -> str | None:
        for name in self.forbidden:
            if dotted == name or dotted.startswith(name + "."):
                return name
        return None

    def _check_import(self, node: ast.stmt, module: str, bound: str, full: str) -> None:
        top = module.split(".")[0]
        if top not in self.allowed:
            allowed = ", ".join(sorted(self.allowed))
            self._flag(
                node,
                f"line {node.lineno}: `import {module}` is not allowed here (allowed: {allowed})",
            )
            return
        self.aliases[bound] = full
        hit = self._forbidden_hit(full) or self._forbidden_hit(module)
        if hit:
            self._flag(node, f"line {node.lineno}: `{hit}` is forbidden in this puzzle")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            self._check_import(node, alias.name, bound, alias.name if alias.asname else bound)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            self._flag(node, f"line {node.lineno}: relative imports are not allowed")
            return
        for alias in node.names:
            self._check_import(node, module, alias.asname or alias.name, f"{module}.{alias.name}")

    def _dotted(self, node: ast.expr) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = self.aliases.get(node.id)
        if root is None:
            return None
        return ".".join([root, *reversed(parts)])

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = self._dotted(node)
        hit = self._forbidden_hit(dotted) if dotted else None
        if hit:
            self._flag(node, f"line {node.lineno}: `{hit}` is forbidden in this puzzle")
            return  # one report per chain
        if node.attr in self.method_names:
            self._flag(
                node,
                f"line {node.lineno}: `.{node.attr}()` (`torch.Tensor.{node.attr}`) "
                "is forbidden in this puzzle",
            )
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in ESCAPE_HATCHES:
            self._flag(
                node,
                f"line {node.lineno}: `{node.id}` {ESCAPE_HATCHES[node.id]}; "
                "it is not allowed in puzzle solutions",
            )

    def generic_visit(self, node: ast.AST) -> None:
        if self.rules.forbid_loops and type(node) in _LOOPS:
            self._flag(
                node,
                f"line {getattr(node, 'lineno', '?')}: {_LOOPS[type(node)]}; this puzzle forbids "
                "Python loops, so let tensor operations do the repeating",
            )
        super().generic_visit(node)


def check_code(code: str, entry: str, rules: Rules, has_support: bool = False) -> list[Problem]:
    """Every problem found, in line order; syntax errors stop the rest. `import support` is
    allowed only when the puzzle has a `support.py` (`has_support`)."""
    tree, syntax = check_syntax(code)
    if syntax or tree is None:
        return [syntax] if syntax else []
    visitor = _RuleVisitor(rules, has_support)
    visitor.visit(tree)
    problems = sorted(visitor.problems, key=lambda p: p.line or 0)
    if rules.max_lines is not None:
        n = count_code_lines(code)
        if n > rules.max_lines:
            problems.append(
                Problem(
                    "rule",
                    None,
                    f"your code has {n} lines; this puzzle allows "
                    f"at most {rules.max_lines} (blank lines and "
                    "comments do not count)",
                )
            )
    if not _defines(tree, entry):
        problems.append(
            Problem("missing_function", None, f"your code must define a function named `{entry}`")
        )
    return problems
