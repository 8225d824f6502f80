"""The static check that the entry function reads the parameters a puzzle names in
`uses_parameters` (e.g. `device`): on a machine with only a CPU, code that ignores `device`
returns the same tensors as code that honours it, so the checker looks at the code itself.

Pure AST work: must not import torch or pygame.
"""

from __future__ import annotations

import ast

from game.content.rule_visitor import Problem


def _signature_params(signature: str) -> list[str]:
    """Parameter names of the puzzle's shown signature, e.g. `summon(n: int, device: str)`."""
    try:
        tree = ast.parse(f"def {signature.strip()}:\n    pass\n")
    except SyntaxError:
        return []
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    return [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]


def _entry_function(tree: ast.Module, entry: str) -> ast.FunctionDef | None:
    found = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == entry:
            found = node  # the last definition wins, as when Python runs the module
    return found


def unused_parameters(code: str, entry: str, signature: str, names: list[str]) -> list[Problem]:
    """A rule problem for each of `names` that the player's `entry` never reads. The player's
    own parameter at the same position counts, whatever they called it; code that takes
    `*args`/`**kwargs` cannot be judged and passes."""
    if not names:
        return []
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []  # the rules' syntax check reports it
    fn = _entry_function(tree, entry)
    if fn is None or fn.args.vararg or fn.args.kwarg:
        return []
    shown = _signature_params(signature)
    theirs = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    read = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    problems = []
    for name in names:
        if name not in shown or shown.index(name) >= len(theirs):
            continue
        mine = theirs[shown.index(name)]
        if mine not in read:
            problems.append(
                Problem(
                    "rule",
                    fn.lineno,
                    f"line {fn.lineno}: `{entry}` never uses its `{mine}` parameter; this "
                    f"puzzle checks that your code honours `{name}` (pass it on, e.g. "
                    f"`{name}={mine}`)",
                )
            )
    return problems
