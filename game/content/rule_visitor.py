"""The walk over a solution's syntax tree that applies a puzzle's rules to each construct:
the allow-list and forbidden names, imports, escape hatches and names that reach around the
rules, loops and loops in disguise (iterating builtins and modules). Each hit is a `Problem`
naming the construct and its line; `static_rules.check_code` runs the walk with the shape
checks around it. `CodeContext` is what the trusted runner knows besides the rules.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Literal

from game.content.escapes import BY_NAME, ESCAPE_HATCHES, REACH_AROUND, REEXPORTED
from game.content.imports import importable
from game.content.oprules import ITERATING_BUILTINS, ITERATING_MODULES, OpPolicy
from game.content.puzzle_models import Rules

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


@dataclass(frozen=True)
class CodeContext:
    """What the static check knows besides the rules, from the trusted runner.

    support_names: what the `support` module defines (None: no support module).
    tools: tool name -> None when the player has it, else a sentence on how to earn it.
    tensor_members: attribute names of `torch.Tensor` (None: treat any attribute as one).
    """

    support_names: frozenset[str] | None = None
    tools: dict[str, str | None] = field(default_factory=dict)
    tensor_members: frozenset[str] | None = None


class RuleVisitor(ast.NodeVisitor):
    def __init__(self, rules: Rules, context: CodeContext) -> None:
        self.rules = rules
        self.context = context
        self.policy = OpPolicy.of(rules)
        self.allowed = set(
            importable(rules, context.support_names is not None, has_tools=bool(context.tools))
        )
        self.forbidden = list(rules.forbidden)
        self.method_names = {
            f.rsplit(".", 1)[1] for f in self.forbidden if f.startswith("torch.Tensor.")
        }
        self.aliases: dict[str, str] = {}  # local name -> dotted path it stands for
        self.problems: list[Problem] = []

    def _flag(self, node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", None)
        problem = Problem("rule", line, f"line {line}: {message}" if line else message)
        if problem not in self.problems:
            self.problems.append(problem)

    def _forbidden_hit(self, dotted: str) -> str | None:
        for name in self.forbidden:
            if dotted == name or dotted.startswith(name + "."):
                return name
        return None

    def _check_name_use(self, node: ast.AST, dotted: str) -> bool:
        """Rules about a dotted name reached through an import; True when one was broken."""
        hit = self._forbidden_hit(dotted)
        if hit:
            self._flag(node, f"`{hit}` is forbidden in this puzzle")
            return True
        root, _, rest = dotted.partition(".")
        if root == "torch":
            why = self.policy.function(dotted)
            if why:
                self._flag(node, why)
                return True
        elif root == "support" and rest and self.context.support_names is not None:
            name = rest.split(".")[0]
            if name not in self.context.support_names:
                offered = ", ".join(f"`{n}`" for n in sorted(self.context.support_names))
                self._flag(node, f"`support` has no `{name}` (it offers {offered or 'nothing'})")
                return True
        elif root == "tools" and rest:
            name = rest.split(".")[0]
            if name not in self.context.tools:
                offered = ", ".join(f"`{n}`" for n in sorted(self.context.tools))
                self._flag(
                    node, f"there is no tool `{name}` here (the toolbox holds {offered or 'none'})"
                )
                return True
            if self.context.tools[name] is not None:
                self._flag(node, str(self.context.tools[name]))
                return True
        elif root in ITERATING_MODULES and self.rules.forbid_loops:
            self._flag(node, f"`{dotted}` is a loop in disguise, and this puzzle forbids loops")
            return True
        return False

    def _check_import(self, node: ast.stmt, module: str, bound: str, full: str) -> None:
        top = module.split(".")[0]
        if top not in self.allowed:
            allowed = ", ".join(sorted(self.allowed))
            self._flag(node, f"`import {module}` is not allowed here (allowed: {allowed})")
            return
        self.aliases[bound] = full
        if full != module and self._check_name_use(node, full):
            return
        hit = self._forbidden_hit(module)
        if hit:
            self._flag(node, f"`{hit}` is forbidden in this puzzle")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            self._check_import(node, alias.name, bound, alias.name if alias.asname else bound)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            self._flag(node, "relative imports are not allowed")
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

    def _called(self, node: ast.Attribute) -> bool:
        parent = getattr(node, "_parent", None)
        return isinstance(parent, ast.Call) and parent.func is node

    def _reaches_around(self, node: ast.Attribute) -> bool:
        """Flags an attribute of the chain ending at `node` that leads out of the puzzle."""
        link: ast.expr = node
        while isinstance(link, ast.Attribute):
            if link.attr in REACH_AROUND:
                self._flag(
                    link,
                    f"`.{link.attr}` reaches into Python's or torch's insides, around the "
                    "rules; it is not allowed in puzzle solutions",
                )
                return True
            if link.attr in REEXPORTED and link.attr not in self.allowed:
                self._flag(
                    link,
                    f"`.{link.attr}` is the `{link.attr}` module, reached around "
                    f"`import {link.attr}`, which is not allowed here",
                )
                return True
            link = link.value
        return False

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self._reaches_around(node):
            return
        dotted = self._dotted(node)
        if dotted is not None:
            self._check_name_use(node, dotted)
            return  # one report per chain; a module's attributes are no tensor methods
        members = self.context.tensor_members
        if members is None or node.attr in members:
            if node.attr in self.method_names:
                self._flag(
                    node,
                    f"`.{node.attr}()` (`torch.Tensor.{node.attr}`) is forbidden in this puzzle",
                )
            else:
                why = self.policy.member(node.attr, called=self._called(node))
                if why:
                    self._flag(node, why)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        for child in ast.iter_child_nodes(node):
            child._parent = node  # type: ignore[attr-defined]
        func = node.func
        if isinstance(func, ast.Name) and func.id in BY_NAME and len(node.args) >= 2:
            what = node.args[1]
            if not (isinstance(what, ast.Constant) and isinstance(what.value, str)):
                self._flag(node, f"`{func.id}` with a computed name reaches around the rules")
            elif what.value in REACH_AROUND or what.value.startswith("_"):
                self._flag(node, f"`{func.id}` of `{what.value}` reaches around the rules")
        if isinstance(func, ast.Name) and func.id not in self.aliases:
            name = func.id
            if self._forbidden_hit(f"builtins.{name}"):
                self._flag(node, f"Python's `{name}()` is forbidden in this puzzle")
            one_arg_minmax = name in ("min", "max") and len(node.args) != 1
            if self.rules.forbid_loops and name in ITERATING_BUILTINS and not one_arg_minmax:
                why = self.policy.iteration(f"`{name}()`", ITERATING_BUILTINS[name])
                if why:
                    self._flag(node, why)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in ESCAPE_HATCHES:
            self._flag(
                node,
                f"`{node.id}` {ESCAPE_HATCHES[node.id]}; it is not allowed in puzzle solutions",
            )

    def generic_visit(self, node: ast.AST) -> None:
        if self.rules.forbid_loops and type(node) in _LOOPS:
            self._flag(
                node,
                f"{_LOOPS[type(node)]}; this puzzle forbids Python loops, so let tensor "
                "operations do the repeating",
            )
        super().generic_visit(node)
