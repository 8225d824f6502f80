"""Mod puzzles checked by running them, before a player meets them: the reference must pass
its own cases and the cases must build the same for one seed. A mod with a puzzle that fails
this is switched off (the Mods screen and the session log say why, with file and line), so no
puzzle gate can trap a player behind a reference that can never pass.

The check runs lint's runner checks (`puzzle_runs`) in a child process (`python -m
game.modcheck MOD...`, which hands this module the runner), so the game's UI process never imports torch, and its results
are cached in the user folder by a hash of the mod's files: it runs once per change of a mod.
Must not import pygame or torch.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import game
from game.childenv import child_env
from game.content.diagnostics import Diagnostic
from game.content.puzzle_runs import RunnerHooks, run_puzzles
from game.persistence.atomic import atomic_write
from game.persistence.paths import user_home

CACHE_FILE = "mod-health.json"
# Failures that would trap a player at the puzzle's gate. A passing starter or a runner that
# cannot start here (say, no sandbox on this machine) is not the mod's fault at play time.
TRAPS = {"reference-fails", "cases-fail", "nondeterministic-cases"}
CHECK_TIMEOUT_S = 600


def fingerprint(root: Path) -> str:
    """A hash of every file of the mod (and the game's version, whose runner judges it)."""
    sha = hashlib.sha256(game.__version__.encode())
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") or part == "__pycache__" for part in rel.split("/")):
            continue
        sha.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def _cache_path() -> Path:
    return user_home() / "cache" / CACHE_FILE


def load_cache() -> dict[str, list[Diagnostic]]:
    try:
        raw = json.loads(_cache_path().read_text(encoding="utf-8"))
        return {k: [Diagnostic.model_validate(d) for d in v] for k, v in raw.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}  # no cache or a damaged one: check again


def store_cache(results: dict[str, list[Diagnostic]]) -> None:
    cache = load_cache() | results
    data = {k: [d.model_dump() for d in v] for k, v in cache.items()}
    atomic_write(_cache_path(), json.dumps(data, indent=1).encode("utf-8"), keep_backups=0)


def split_by_cache(
    roots: Iterable[Path],
) -> tuple[dict[Path, list[Diagnostic]], dict[Path, str]]:
    """(known results by mod root, fingerprints of the roots that still need a check)."""
    cache = load_cache()
    known: dict[Path, list[Diagnostic]] = {}
    unknown: dict[Path, str] = {}
    for root in roots:
        key = fingerprint(root)
        if key in cache:
            known[root] = cache[key]
        else:
            unknown[root] = key
    return known, unknown


def run_checks(roots: list[Path]) -> dict[Path, list[Diagnostic]]:
    """Check the puzzles of each mod root in a child process; trap failures per root."""
    if not roots:
        return {}
    done = subprocess.run(
        # -P: never a `game` package in the working folder (see `runner.client`)
        [sys.executable, "-P", "-m", "game.modcheck", *map(str, roots)],
        capture_output=True,
        env=child_env(),
        timeout=CHECK_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace")[-2000:])
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    raw = json.loads(lines[-1])  # the last line: anything printed before it is not ours
    return {Path(k): [Diagnostic.model_validate(d) for d in v] for k, v in raw.items()}


def check_now(roots: list[Path]) -> dict[Path, list[Diagnostic]]:
    """Cached results where the files did not change, fresh checks for the rest (cached)."""
    known, unknown = split_by_cache(roots)
    fresh = run_checks(list(unknown))
    store_cache({unknown[root]: found for root, found in fresh.items()})
    return known | fresh


def child_report(paths: list[Path], runner: RunnerHooks) -> dict[str, list[dict]]:
    """In the child process: run each mod's puzzles through `runner`, next to the base game
    and the mods before it."""
    from game.content.library import load_library
    from game.content.mods import discover_mods

    modset = discover_mods(paths)
    lib = load_library(modset.roots)
    out: dict[str, list[dict]] = {}
    for path in paths:
        mine = [pid for pid, e in lib.puzzles.items() if path.resolve() in e.folder.parents]
        found = run_puzzles(lib, mine, modset.roots, runner)
        out[str(path)] = [d.model_dump() for d in found if d.code in TRAPS]
    return out
