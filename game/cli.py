"""The `torchenstein` command line (the contract in ARCHITECTURE.md is fixed).

Each subcommand imports its implementation lazily, so `torchenstein puzzles` never pays for
pygame or torch, and `play` never imports torch in the UI process. Every command that takes
`--mod` refuses to go on when one of them is missing (exit 2) or cannot load (exit 1), saying
why with file and line, so a modder never plays or checks without the mod they asked for.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.puzzle_runs import RunnerHooks


def _add_mod_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mod",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="load a mod folder (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="torchenstein",
        description="Torchenstein: a story-driven PyTorch puzzle adventure.",
    )
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play the game (the default)")
    _add_mod_option(play)
    play.add_argument("--headless", action="store_true", help="run without a window (SDL dummy)")
    play.add_argument("--frames", type=int, default=None, help="quit after N frames")
    play.add_argument("--screenshot", type=Path, default=None, help="save the last frame as PNG")
    play.add_argument(
        "--at",
        default=None,
        metavar="SCENE[:NODE]",
        help="start a test playthrough at this scene or node (your saves are left alone)",
    )
    play.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="FLAG",
        help="with --at: set this story flag first (repeatable)",
    )
    play.add_argument(
        "--solved",
        action="append",
        default=[],
        metavar="PUZZLE",
        help="with --at: count this puzzle as solved (repeatable)",
    )
    play.add_argument(
        "--keys",
        type=Path,
        default=None,
        metavar="FILE",
        help="press the keys listed in FILE (one per line; see MODDING.md)",
    )
    play.add_argument(
        "--dev",
        action="store_true",
        help="developer panel on F12: jump to any scene or node, set and clear flags",
    )

    puzzles = sub.add_parser("puzzles", help="list the puzzles")
    _add_mod_option(puzzles)
    puzzles.add_argument("--json", action="store_true", help="print JSON")

    check = sub.add_parser("check", help="check a solution file against a puzzle")
    check.add_argument("puzzle", help="puzzle id")
    check.add_argument("solution", type=Path, help="the solution .py file")
    check.add_argument("--device", default="auto", choices=["cpu", "cuda", "mps", "auto"])
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--try", dest="try_only", action="store_true", help="visible examples only")
    _add_mod_option(check)

    lint = sub.add_parser("lint", help="check scenes, puzzles and mods for mistakes")
    lint.add_argument("paths", nargs="*", type=Path, help="content roots or mod folders")
    lint.add_argument("--json", action="store_true", help="print JSON diagnostics")
    lint.add_argument("--fast", action="store_true", help="skip running puzzle references")
    lint.add_argument(
        "--watch", action="store_true", help="lint again whenever a file changes (Ctrl+C stops)"
    )

    schema = sub.add_parser("schema", help="write JSON Schema for the content formats")
    schema.add_argument("--out", type=Path, default=Path("schema"), help="output folder")

    new_mod = sub.add_parser("new-mod", help="scaffold a new mod folder")
    new_mod.add_argument("name", help="mod name (becomes its folder and id)")

    pack = sub.add_parser("pack", help="lint a mod and write it as a versioned zip to share")
    pack.add_argument("mod", type=Path, help="the mod folder")
    pack.add_argument("--out", type=Path, default=Path("."), help="folder for the zip")
    return parser


def check_mod_paths(paths: list[Path]) -> tuple[int, list[Path] | None]:
    """(exit code, content roots): every `--mod` must exist and load. A missing one is 2, a
    broken one 1, each reported on stderr with its problems (file:line) first."""
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        print(f"error: --mod {path}: no such file or folder", file=sys.stderr)
    if missing:
        return 2, None
    from game.content.diagnostics import display_path
    from game.content.mod_trust import trusted_mods
    from game.content.mods import discover_mods
    from game.modhealth import split_by_cache

    asked = {Path(p).resolve() for p in paths}
    # Puzzles the game already found failing (and the files are unchanged) count as broken.
    known = split_by_cache(sorted(p for p in asked if p.is_dir()))[0]
    failed = {root: diags for root, diags in known.items() if diags}
    modset = discover_mods([Path(p) for p in paths], failed=failed, trusted=trusted_mods())
    broken = [m for m in modset.mods if m.path.resolve() in asked and not m.enabled]
    for mod in broken:
        for diag in mod.problems:
            print(diag.render(), file=sys.stderr)
        print(
            f"error: the mod `{mod.id}` ({display_path(mod.path)}) cannot load: "
            f"{len(mod.problems)} problem(s) above; `torchenstein lint "
            f"{display_path(mod.path)}` says more",
            file=sys.stderr,
        )
    return (1, None) if broken else (0, modset.roots)


def _check_play_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`--at` names a real place (and flags/solved come with it), `--keys` a readable file:
    said before any window opens."""
    if (args.flag or args.solved) and not args.at:
        parser.error("--flag and --solved go with --at SCENE[:NODE]")
    if args.keys is not None and not args.keys.is_file():
        print(f"error: --keys {args.keys}: no such file", file=sys.stderr)
        return 2
    if args.at:
        from game.content.library import load_library
        from game.story.engine import StoryError
        from game.story.warp import warp

        try:
            warp(load_library(args.roots), args.at, args.flag, args.solved)
        except StoryError as exc:
            print(f"error: --at {args.at}: {exc}", file=sys.stderr)
            return 2
    return 0


def _cmd_puzzles(args: argparse.Namespace) -> int:
    from game.content.library import load_library

    lib = load_library(args.roots)
    rows = [
        {
            "id": e.model.id,
            "title": e.model.title,
            "entry": e.model.entry,
            "signature": e.model.signature,
            "devices": list(e.model.devices),
            "chapter": e.model.chapter,
        }
        for e in lib.puzzles.values()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<24} {row['chapter']:<10} {row['title']}")
    for diag in lib.diagnostics:
        print(diag.render(), file=sys.stderr)
    return 0


def _lint_runner() -> RunnerHooks | None:
    """The runner lint runs puzzle code through; None where it is not installed."""
    try:
        from game.runner.check import runner_hooks
    except ImportError:
        return None
    from game.persistence.paths import user_home

    return runner_hooks([user_home()])


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader went away (`torchenstein lint | head`): not an error worth a traceback.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "play"
    if args.command is None:  # bare `torchenstein`: fill in play's defaults
        args = parser.parse_args(["play", *(argv or [])])
    if command in ("play", "puzzles", "check"):
        code, args.roots = check_mod_paths(list(args.mod or []))
        if code:
            return code
    if command == "play":
        code = _check_play_options(parser, args)
        if code:
            return code
        from game.ui.launch import run_game

        return run_game(args)
    if command == "puzzles":
        return _cmd_puzzles(args)
    if command == "check":
        from game.content.roots import content_roots
        from game.persistence.paths import user_home
        from game.runner.check import cli_check

        return cli_check(args, content_roots(args.mod), [user_home()])
    if command == "lint":
        from game.content.lint import cli_lint

        return cli_lint(args, None if args.fast else _lint_runner())
    if command == "schema":
        from game.content.schema import cli_schema

        return cli_schema(args)
    if command == "new-mod":
        from game.content.scaffold import cli_new_mod

        return cli_new_mod(args)
    if command == "pack":
        from game.content.pack import cli_pack

        return cli_pack(args, _lint_runner())
    parser.error(f"unknown command {command}")
    return 2
