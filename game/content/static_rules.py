"""Static checks of the player's code before anything runs: syntax, the entry function, and the
puzzle's rules (allow-list, forbidden names, loops and loops in disguise, recursion, imports,
the shape of the code), each naming the construct and its line; the walk over each construct
lives in `rule_visitor`. The tracer checks the same rules again while the code runs
(`game.runner.tracing`); operators are only checked there, where it is known whether they act
on tensors.

Pure AST work, so it lives with the content it checks: the trusted runner calls it before
spending a sandbox on code that cannot pass, and lint calls it to see that a reference obeys
its own puzzle's rules.
"""

from __future__ import annotations

import ast
import io
import tokenize

from game.content.code_shape import count_statements, entry_function, recursive_calls, widest_line
from game.content.oprules import OpPolicy
from game.content.puzzle_models import Rules
from game.content.rule_visitor import CodeContext, Problem, RuleVisitor


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


def _shape_problems(code: str, tree: ast.Module, entry: str, rules: Rules) -> list[Problem]:
    out: list[Problem] = []
    fn = entry_function(tree, entry)
    if fn is not None and rules.max_statements is not None:
        n = count_statements(fn)
        if n > rules.max_statements:
            want = (
                "a single statement (one `return` line)"
                if rules.max_statements == 1
                else f"at most {rules.max_statements} statements"
            )
            out.append(
                Problem(
                    "rule",
                    fn.lineno,
                    f"line {fn.lineno}: `{entry}` has {n} statements in its body; this puzzle "
                    f"wants {want}",
                )
            )
    if fn is not None and rules.max_line_width is not None:
        line, width = widest_line(code, fn)
        if width > rules.max_line_width:
            out.append(
                Problem(
                    "rule",
                    line,
                    f"line {line}: {width} characters wide; this puzzle allows lines of at most "
                    f"{rules.max_line_width} in `{entry}`",
                )
            )
    if rules.forbid_recursion:
        for name, call in recursive_calls(tree):
            why = OpPolicy.of(rules).recursion(name)
            out.append(Problem("rule", call.lineno, f"line {call.lineno}: {why}"))
    return out


def check_code(
    code: str, entry: str, rules: Rules, context: CodeContext | None = None
) -> list[Problem]:
    """Every problem found, in line order; syntax errors stop the rest."""
    tree, syntax = check_syntax(code)
    if syntax or tree is None:
        return [syntax] if syntax else []
    visitor = RuleVisitor(rules, context or CodeContext())
    visitor.visit(tree)
    found = visitor.problems + _shape_problems(code, tree, entry, rules)
    problems = sorted(found, key=lambda p: p.line or 0)
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
