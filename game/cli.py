"""The `torchenstein` command line (the contract in ARCHITECTURE.md is fixed).

Each subcommand imports its implementation lazily, so `torchenstein puzzles` never pays for
pygame or torch, and `play` never imports torch in the UI process.
"""

from __future__ import annotations

import argparse
import json
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

    schema = sub.add_parser("schema", help="write JSON Schema for the content formats")
    schema.add_argument("--out", type=Path, default=Path("schema"), help="output folder")

    new_mod = sub.add_parser("new-mod", help="scaffold a new mod folder")
    new_mod.add_argument("name", help="mod name (becomes its folder and id)")
    return parser


def _cmd_puzzles(args: argparse.Namespace) -> int:
    from game.content.library import load_library
    from game.content.roots import content_roots

    lib = load_library(content_roots(args.mod))
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
    return runner_hooks()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "play"
    if command == "play":
        if args.command is None:  # bare `torchenstein`: fill in play's defaults
            args = parser.parse_args(["play", *(argv or [])])
        from game.ui.app import run_game

        return run_game(args)
    if command == "puzzles":
        return _cmd_puzzles(args)
    if command == "check":
        from game.content.roots import content_roots
        from game.runner.check import cli_check

        return cli_check(args, content_roots(args.mod))
    if command == "lint":
        from game.content.lint import cli_lint

        return cli_lint(args, None if args.fast else _lint_runner())
    if command == "schema":
        from game.content.schema import cli_schema

        return cli_schema(args)
    if command == "new-mod":
        from game.content.scaffold import cli_new_mod

        return cli_new_mod(args)
    parser.error(f"unknown command {command}")
    return 2
