"""`torchenstein lint`: every check on scenes, puzzles and mods, reported all at once.

`lint(roots)` checks the base game plus mods in order: schema and YAML safety (while loading),
references, the story graph, puzzle files, and (unless `run_puzzles=False`) puzzle code through
the runner its caller hands over. Exit code 0 means no errors (warnings allowed), 1 means errors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.content.diagnostics import ContentError, Diagnostic, display_path
from game.content.graph import check_graph
from game.content.hint_checks import check_hints
from game.content.library import ContentLibrary, load_library
from game.content.mod_models import MOD_MANIFEST
from game.content.puzzle_checks import check_puzzles
from game.content.puzzle_runs import RunnerHooks
from game.content.puzzle_runs import run_puzzles as run_puzzle_code
from game.content.references import check_references
from game.content.root_reader import STORY_MANIFEST


def _inside(file: str, scope: list[Path]) -> bool:
    path = Path(file).resolve()
    return any(path == s or s in path.parents for s in scope)


def _order(diags: list[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.file, d.line, d.code, d.message): d for d in diags}
    return sorted(unique.values(), key=lambda d: (d.file, d.line or 0, d.code))


def check_library(
    lib: ContentLibrary,
    *,
    run_puzzles: bool = False,
    runner: RunnerHooks | None = None,
    scope: list[Path] | None = None,
) -> list[Diagnostic]:
    """Every check on an already loaded library. With `run_puzzles`, puzzle code runs through
    the `runner` the caller hands over (None: it is not installed, which is reported). With
    `scope`, only problems in files under those folders are kept, and only their puzzles run."""
    diags = list(lib.diagnostics)
    if lib.manifest is None and lib.roots and not any(STORY_MANIFEST in d.file for d in diags):
        diags.append(
            Diagnostic(
                file=display_path(lib.roots[0] / "scenes" / STORY_MANIFEST),
                line=1,
                code="missing-story-manifest",
                message=f"the story needs `scenes/{STORY_MANIFEST}` with `title`, `start` and "
                "`acts`",
            )
        )
    diags += check_references(lib)
    diags += check_graph(lib)
    diags += check_hints(lib)
    per_puzzle = check_puzzles(lib)
    for found in per_puzzle.values():
        diags += found
    resolved = [s.resolve() for s in scope or []]
    if scope is not None:
        diags = [d for d in diags if _inside(d.file, resolved)]
    if run_puzzles:
        runnable = [
            pid
            for pid, found in per_puzzle.items()
            if not any(d.severity == "error" and d.code != "unused-puzzle" for d in found)
            and (scope is None or _inside(str(lib.puzzles[pid].folder), resolved))
        ]
        diags += run_puzzle_code(lib, runnable, lib.roots, runner)
    return _order(diags)


def lint_library(
    roots: list[Path],
    *,
    run_puzzles: bool = True,
    runner: RunnerHooks | None = None,
    scope: list[Path] | None = None,
) -> tuple[ContentLibrary, list[Diagnostic]]:
    lib = load_library(roots)
    return lib, check_library(lib, run_puzzles=run_puzzles, runner=runner, scope=scope)


def lint(
    roots: list[Path], *, run_puzzles: bool = True, runner: RunnerHooks | None = None
) -> list[Diagnostic]:
    """All diagnostics for the base game `roots[0]` plus the mods after it."""
    return lint_library(roots, run_puzzles=run_puzzles, runner=runner)[1]


def _lint_paths(
    paths: list[Path], run_puzzles: bool, runner: RunnerHooks | None
) -> list[Diagnostic]:
    from game.content.mods import discover_mods

    diags: list[Diagnostic] = []
    mod_paths: list[Path] = []
    for path in paths:
        if path.suffix.lower() == ".zip" and path.is_file():  # a packed mod: lint what is in it
            from game.content.pack import unpack

            try:
                path = unpack(path)
            except ContentError as exc:
                diags += exc.diagnostics
                continue
        if not path.is_dir():
            diags.append(
                Diagnostic(file=str(path), line=1, code="no-such-folder", message="no such folder")
            )
        elif (path / MOD_MANIFEST).is_file():
            mod_paths.append(path.resolve())
        elif (path / "scenes").is_dir() or (path / "puzzles").is_dir():
            diags += lint([path], run_puzzles=run_puzzles, runner=runner)
        else:
            diags.append(
                Diagnostic(
                    file=display_path(path),
                    line=1,
                    code="not-content",
                    message=f"neither a mod folder (no `{MOD_MANIFEST}`) nor a "
                    "content root (no `scenes/` or `puzzles/`)",
                )
            )
    if mod_paths:
        # Installed mods come along so dependencies resolve; only the named ones are reported.
        modset = discover_mods(mod_paths)
        named = [m for m in modset.mods if m.path.resolve() in mod_paths]
        for mod in named:
            if not mod.enabled:
                diags += mod.problems
        enabled = [m.path for m in named if m.enabled]
        if enabled:
            lib = load_library(modset.roots)
            diags += check_library(lib, run_puzzles=run_puzzles, runner=runner, scope=enabled)
    return diags


def cli_lint(args: argparse.Namespace, runner: RunnerHooks | None = None) -> int:
    """`torchenstein lint [PATH]... [--json] [--fast] [--watch]`; puzzle code runs through
    `runner`."""
    if getattr(args, "watch", False):
        from game.content.locate import content_root
        from game.content.watch import watch

        paths = list(getattr(args, "paths", None) or []) or [content_root()]
        return watch(paths, lambda: _lint_once(args, runner))
    return _lint_once(args, runner)


def _lint_once(args: argparse.Namespace, runner: RunnerHooks | None) -> int:
    from game.content.mods import discover_mods

    run = not getattr(args, "fast", False)
    paths: list[Path] = list(getattr(args, "paths", None) or [])
    if paths:
        diags = _order(_lint_paths(paths, run, runner))
    else:
        modset = discover_mods([])
        diags = lint(modset.roots, run_puzzles=run, runner=runner)
        diags += [p for m in modset.mods if not m.enabled for p in m.problems]
        diags = _order(diags)
    errors = sum(d.severity == "error" for d in diags)
    if getattr(args, "json", False):
        print(json.dumps([d.model_dump() for d in diags], indent=2))
    else:
        for d in diags:
            print(d.render())
        warnings = len(diags) - errors
        verdict = "clean" if not diags else f"{errors} error(s), {warnings} warning(s)"
        print(f"lint: {verdict}")
    return 1 if errors else 0
