"""Lint: a puzzle's files, read without running any of them.

The brief exists and says something, there are enough hints, every Python file parses, the
entry function is defined in the starter and the reference with the same parameters as the
`signature` in `puzzle.yaml`, `cases.py` defines what the runner calls, and the puzzle is used
by some scene. Python is only parsed (`ast`), never executed. Must not import pygame or torch.
"""

from __future__ import annotations

import ast
from pathlib import Path

from game.content import rule_checks
from game.content.diagnostics import ContentError, Diagnostic, Severity, display_path
from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry
from game.content.yaml_source import read_text

MIN_HINTS = 3
MAX_CODE_BYTES = 256 * 1024
CASE_FUNCTIONS = {"examples": 0, "random_case": 1}

Params = list[tuple[str, str, bool]]
"""(kind, name, has_default) per parameter: what callers of the entry function rely on."""


def params_of(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Params:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    first_default = len(positional) - len(a.defaults)
    out: Params = [
        ("positional-only" if p in a.posonlyargs else "positional", p.arg, i >= first_default)
        for i, p in enumerate(positional)
    ]
    if a.vararg:
        out.append(("*args", a.vararg.arg, False))
    out += [
        ("keyword-only", p.arg, d is not None)
        for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)
    ]
    if a.kwarg:
        out.append(("**kwargs", a.kwarg.arg, False))
    return out


def show(name: str, params: Params) -> str:
    parts = [
        ("*" if k == "*args" else "**" if k == "**kwargs" else "") + n + ("=…" if d else "")
        for k, n, d in params
    ]
    return f"{name}({', '.join(parts)})"


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


class _PuzzleChecker:
    def __init__(self, entry: PuzzleEntry, lib: ContentLibrary):
        self.entry, self.model, self.lib = entry, entry.model, lib
        self.doc = lib.puzzle_docs[self.model.id]
        self.out: list[Diagnostic] = []

    def report(
        self, file: str, line: int | None, code: str, message: str, severity: Severity = "error"
    ) -> None:
        self.out.append(
            Diagnostic(file=file, line=line or 1, severity=severity, code=code, message=message)
        )

    def at_yaml(self, key: str, code: str, message: str, severity: Severity = "error") -> None:
        self.report(self.doc.file, self.doc.line_of((key,)), code, message, severity)

    def parse(self, name: str) -> ast.Module | None:
        path: Path = self.entry.folder / name
        shown = display_path(path)
        try:
            text = read_text(path, shown, MAX_CODE_BYTES)
            return ast.parse(text, filename=shown)
        except ContentError as exc:
            self.out.extend(exc.diagnostics)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            line = getattr(exc, "lineno", None)
            self.report(shown, line, "python-syntax", f"Python syntax: {getattr(exc, 'msg', exc)}")
        return None

    def signature(self) -> Params | None:
        try:
            body = ast.parse(f"def {self.model.signature.strip()}: ...").body
        except (SyntaxError, ValueError):
            body = []
        fn = body[0] if len(body) == 1 else None
        if not isinstance(fn, ast.FunctionDef):
            self.at_yaml(
                "signature",
                "bad-signature",
                f"`signature` must read like a def line, e.g. "
                f"`{self.model.entry}(x: Tensor) -> Tensor`",
            )
            return None
        if fn.name != self.model.entry:
            self.at_yaml(
                "signature",
                "signature-mismatch",
                f"`signature` names `{fn.name}` but `entry` is `{self.model.entry}`",
            )
        return params_of(fn)

    def code_file(self, name: str, wanted: Params | None) -> Params | None:
        tree = self.parse(name)
        if tree is None:
            return None
        shown = display_path(self.entry.folder / name)
        fn = _functions(tree).get(self.model.entry)
        if fn is None:
            self.report(
                shown,
                1,
                "missing-entry",
                f"no top-level function `{self.model.entry}` (the puzzle's `entry`)",
            )
            return None
        params = params_of(fn)
        if wanted is not None and params != wanted:
            self.report(
                shown,
                fn.lineno,
                "signature-mismatch",
                f"`{show(fn.name, params)}` here, but the signature in puzzle.yaml is "
                f"`{show(self.model.entry, wanted)}`",
            )
        return params

    def cases(self) -> None:
        tree = self.parse("cases.py")
        if tree is None:
            return
        shown = display_path(self.entry.folder / "cases.py")
        functions = _functions(tree)
        for name, arity in CASE_FUNCTIONS.items():
            fn = functions.get(name)
            if fn is None:
                self.report(shown, 1, "missing-case-function", f"cases.py must define `{name}()`")
            elif len([*fn.args.posonlyargs, *fn.args.args]) - len(fn.args.defaults) != arity:
                self.report(
                    shown,
                    fn.lineno,
                    "case-function-arity",
                    f"`{name}` must take {arity} argument{'s' if arity != 1 else ''}",
                )

    def run(self, gated: set[str]) -> list[Diagnostic]:
        brief_path = self.entry.folder / "brief.md"
        try:
            if not read_text(brief_path, display_path(brief_path)).strip():
                self.report(
                    display_path(brief_path),
                    1,
                    "empty-brief",
                    "the brief is empty: tell the player what to write",
                )
        except ContentError as exc:
            self.out.extend(exc.diagnostics)
        if len(self.model.hints) < MIN_HINTS:
            self.at_yaml(
                "hints",
                "too-few-hints",
                f"{len(self.model.hints)} hint(s); give at least {MIN_HINTS}, from a "
                "gentle nudge to a near-answer",
            )
        wanted = self.signature()
        starter = self.code_file("starter.py", wanted)
        if self.code_file("reference.py", wanted if wanted is not None else starter) is not None:
            reference = read_text(self.entry.folder / "reference.py")
            rule_checks.check_reference_rules(self.entry, reference, self.report)
        rule_checks.check_allow(self.entry, self.at_yaml)
        rule_checks.check_tools(self.entry, self.lib, self.at_yaml)
        self.cases()
        if self.entry.support_path is not None:
            self.parse(str(self.entry.support_path.resolve()))  # absolute: may sit outside
        elif self.model.support is not None:
            self.at_yaml(
                "support",
                "missing-support",
                f"no shared support module `{self.model.support}` inside this root's `puzzles/`",
            )
        if self.model.id not in gated and not self.lib.broken_scenes:
            self.at_yaml(
                "id", "unused-puzzle", "no scene opens this puzzle (`puzzle: {id: ...}`)", "warning"
            )
        return self.out


def check_puzzles(lib: ContentLibrary) -> dict[str, list[Diagnostic]]:
    """Diagnostics per puzzle id (static checks only)."""
    gated = {
        node.puzzle.id
        for scene in lib.scenes.values()
        for node in scene.nodes.values()
        if node.puzzle is not None
    }
    return {pid: _PuzzleChecker(entry, lib).run(gated) for pid, entry in lib.puzzles.items()}
