"""Mod discovery: which mods exist, which load, and why the others do not.

Mods come from the user's mods folder and from `--mod PATH`. Each is checked in dependency
order: a readable manifest, a unique id, a fitting game version, its dependencies present and
enabled, and content that lints without errors next to the base game and the mods before it.
A mod failing any of these is disabled with its problems listed (for the Mods screen); it never
stops the base game. Must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import game
from game.content.diagnostics import ContentError, Diagnostic, display_path
from game.content.library import merge
from game.content.lint import check_library
from game.content.locate import content_root
from game.content.mod_models import MOD_MANIFEST
from game.content.pack import unpack
from game.content.root_reader import RootContent, read_root
from game.content.validate import suggest
from game.content.versions import matches
from game.persistence.paths import mods_dir


@dataclass(frozen=True)
class ModStatus:
    """One mod as the Mods screen shows it."""

    id: str
    title: str
    version: str
    path: Path
    enabled: bool
    problems: list[Diagnostic] = field(default_factory=list)
    description: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ModSet:
    """The roots to load (base game first, then enabled mods in order) and every mod's status."""

    roots: list[Path]
    mods: list[ModStatus]


@dataclass
class _Candidate:
    path: Path
    part: RootContent | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    user_disabled: bool = False

    @property
    def id(self) -> str:
        return self.part.mod.id if self.part and self.part.mod else self.path.name

    def problem(self, code: str, message: str, key: tuple = ()) -> None:
        doc = self.part.mod_doc if self.part else None
        file = doc.file if doc else display_path(self.path / MOD_MANIFEST)
        line = doc.line_of(key) if doc else 1
        self.problems.append(Diagnostic(file=file, line=line, code=code, message=message))


def _candidate_paths(extra: list[Path], user_mods: bool) -> list[Path]:
    """`--mod` folders first, so a copy under development wins over an installed one with the
    same id; then the user's mods folder in name order."""
    found = [Path(p) for p in extra]
    if user_mods:
        found += sorted(p for p in mods_dir().iterdir() if not p.name.startswith("."))
    found = [_unzipped(p) for p in found]
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique)


def _unzipped(path: Path) -> Path:
    """A shared `.zip` (see `pack`) stands for the mod folder inside it; a broken zip stays
    as it is, and `_read` says what is wrong with it."""
    if path.suffix.lower() != ".zip" or not path.is_file():
        return path
    try:
        return unpack(path)
    except ContentError:
        return path


def _read(path: Path) -> _Candidate:
    cand = _Candidate(path=path)
    if path.suffix.lower() == ".zip" and path.is_file():
        try:
            unpack(path)
        except ContentError as exc:
            cand.problems += exc.diagnostics
            return cand
    if not path.is_dir():
        cand.problem(
            "mod-not-folder", f"`{path}` is not a folder; a mod is a folder with `{MOD_MANIFEST}`"
        )
        return cand
    if not (path / MOD_MANIFEST).is_file():
        nested = sorted(p.parent.name for p in path.glob(f"*/{MOD_MANIFEST}"))
        hint = f" (found one in `{nested[0]}/`: point at that folder)" if nested else ""
        cand.problem("missing-mod-manifest", f"no `{MOD_MANIFEST}` in this folder{hint}")
        return cand
    cand.part = read_root(path)
    if cand.part.mod is None:  # the manifest is broken: list everything, to fix in one go
        cand.problems += cand.part.diagnostics
    return cand


def _check_manifest(cand: _Candidate, by_id: dict[str, _Candidate]) -> None:
    mod = cand.part.mod if cand.part else None
    if mod is None:
        return
    other = by_id.get(mod.id)
    if other is not None and other is not cand:
        cand.problem(
            "duplicate-mod",
            f"mod id `{mod.id}` is already used by {display_path(other.path)}",
            ("id",),
        )
    if not matches(mod.game, game.__version__):
        cand.problem(
            "game-version",
            f"made for game versions `{mod.game}`, but this is {game.__version__}",
            ("game",),
        )


def _check_dependencies(cand: _Candidate, by_id: dict[str, _Candidate], enabled: set[str]) -> None:
    mod = cand.part.mod if cand.part else None
    for i, dep in enumerate(mod.depends if mod else []):
        other = by_id.get(dep.id)
        key = ("depends", i)
        if other is None or other.part is None or other.part.mod is None:
            hint = suggest(dep.id, [c for c in by_id if c != cand.id])
            cand.problem(
                "missing-dependency",
                f"needs the mod `{dep.id}`, which is not installed.{hint}",
                key,
            )
        elif not matches(dep.version, other.part.mod.version):
            cand.problem(
                "dependency-version",
                f"needs `{dep.id}` {dep.version}, but version "
                f"{other.part.mod.version} is installed",
                key,
            )
        elif dep.id not in enabled:
            cand.problem("dependency-disabled", f"needs the mod `{dep.id}`, which is disabled", key)


def _dependency_order(cands: list[_Candidate]) -> list[_Candidate]:
    """Dependencies first; a cycle leaves its members at the end, where they fail their checks."""
    ordered: list[_Candidate] = []
    placed: set[int] = set()
    by_id = {c.id: c for c in cands}
    visiting: set[int] = set()

    def place(c: _Candidate) -> None:
        if id(c) in placed or id(c) in visiting:
            return
        visiting.add(id(c))
        for dep in c.part.mod.depends if c.part and c.part.mod else []:
            if dep.id in by_id:
                place(by_id[dep.id])
        visiting.discard(id(c))
        placed.add(id(c))
        ordered.append(c)

    for c in cands:
        place(c)
    return ordered


def _status(cand: _Candidate, enabled: bool) -> ModStatus:
    mod = cand.part.mod if cand.part else None
    return ModStatus(
        id=cand.id,
        title=mod.title if mod else cand.path.name,
        version=mod.version if mod else "?",
        path=cand.path,
        enabled=enabled,
        problems=list(cand.problems),
        description=mod.description if mod else None,
        author=mod.author if mod else None,
    )


def discover_mods(
    extra: list[Path],
    *,
    disabled: Collection[str] = (),
    user_mods: bool = True,
    base: Path | None = None,
    failed: Mapping[Path, list[Diagnostic]] | None = None,
    trusted: Collection[str] | None = None,
) -> ModSet:
    """Find, check and order mods. `disabled`: mod ids the player switched off (listed, not
    loaded). `user_mods=False` looks at `extra` only (lint of given folders). `base`: the base
    game's root (default: the installed game). `failed`: problems found by running the puzzles
    of mods (by resolved folder, see `game.modhealth`); those mods are switched off. `trusted`:
    folder names of user-folder mods the player enabled (`mod_trust`); any other mod found
    there stays off (None: no such check)."""
    base_part = read_root(base if base is not None else content_root())
    cands = [_read(p) for p in _candidate_paths(extra, user_mods)]
    by_id: dict[str, _Candidate] = {}
    for cand in cands:
        by_id.setdefault(cand.id, cand)
        cand.user_disabled = cand.id in disabled
    accepted: list[RootContent] = []
    enabled: set[str] = set()
    # What the base game already reports is not the mods' fault (computed only if needed).
    known = {_key(d) for d in check_library(merge([base_part]))} if cands else set()
    statuses: dict[int, ModStatus] = {}
    named = {Path(p).resolve() for p in extra}
    for cand in _dependency_order(cands):
        if (
            trusted is not None
            and cand.path.resolve() not in named
            and cand.path.name not in trusted
        ):
            cand.problem(
                "mod-untrusted",
                f"`{cand.path.name}` is new in your mods folder: its code runs only after you "
                "switch it on once in the Mods screen (or name it with `--mod PATH`)",
            )
        _check_manifest(cand, by_id)
        _check_dependencies(cand, by_id, enabled)
        if cand.part is not None and cand.part.mod is not None and not cand.problems:
            if cand.user_disabled:
                statuses[id(cand)] = _status(cand, False)
                continue
            found = check_library(merge([base_part, *accepted, cand.part]))
            cand.problems += [d for d in found if _key(d) not in known]
            cand.problems += (failed or {}).get(cand.path.resolve(), [])
        ok = cand.part is not None and not any(p.severity == "error" for p in cand.problems)
        if ok and cand.part is not None and cand.part.mod is not None:
            accepted.append(cand.part)
            enabled.add(cand.id)
            known |= {_key(d) for d in cand.problems}
        statuses[id(cand)] = _status(cand, ok)
    return ModSet(
        roots=[base_part.root, *(p.root for p in accepted)],
        mods=[statuses[id(c)] for c in cands],
    )


def _key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.code, d.message)
