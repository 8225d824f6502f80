"""Static facts about the shape of the player's code: statements and line width of the entry
function, and which of the player's functions call themselves (directly or through another).

Pure AST work: must not import torch or pygame.
"""

from __future__ import annotations

import ast

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def entry_function(tree: ast.Module, entry: str) -> FunctionNode | None:
    return next(
        (
            n
            for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == entry
        ),
        None,
    )


def count_statements(fn: FunctionNode) -> int:
    """Statements in the function's body, nested ones included; a docstring does not count."""
    body = list(fn.body)
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    count = 0
    for stmt in body:
        count += sum(1 for node in ast.walk(stmt) if isinstance(node, ast.stmt))
    return count


def widest_line(code: str, fn: FunctionNode) -> tuple[int, int]:
    """(line number, width) of the function's widest line, its decorators and `def` included."""
    lines = code.splitlines()
    first = min([fn.lineno, *(d.lineno for d in fn.decorator_list)])
    last = fn.end_lineno or fn.lineno
    widths = [(n, len(lines[n - 1].rstrip())) for n in range(first, min(last, len(lines)) + 1)]
    return max(widths, key=lambda w: (w[1], -w[0]), default=(first, 0))


def _callables(tree: ast.Module) -> dict[str, ast.AST]:
    """Every named function of the player's: defs at any depth and `name = lambda ...`."""
    found: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, node)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, node.value)
    return found


def _calls_in(node: ast.AST, names: set[str]) -> list[ast.Call]:
    out = []
    for child in ast.walk(node):
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Name)
            and child.func.id in names
        ):
            out.append(child)
    return out


def recursive_calls(tree: ast.Module) -> list[tuple[str, ast.Call]]:
    """(function name, the call that closes the cycle) for each of the player's functions that
    can reach itself through calls by name."""
    functions = _callables(tree)
    names = set(functions)
    calls = {name: _calls_in(node, names) for name, node in functions.items()}
    out: list[tuple[str, ast.Call]] = []
    for start in functions:
        seen: set[str] = set()
        stack = [start]
        closing: ast.Call | None = None
        while stack and closing is None:
            current = stack.pop()
            for call in calls[current]:
                callee = call.func.id  # type: ignore[attr-defined]
                if callee == start:
                    closing = call if current == start else calls[start][0]
                    break
                if callee not in seen:
                    seen.add(callee)
                    stack.append(callee)
        if closing is not None:
            out.append((start, closing))
    return out
