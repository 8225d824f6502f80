"""Lint: every name in the content points at something that exists.

Checks goto/next/success targets, puzzle gates, `requires.solved`, speakers, acts, assets,
the story's start, mods' doors, and flags that are tested but never set. Misspelt ids get a
"did you mean". Must not import pygame or torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from game.content import builtins
from game.content.diagnostics import Diagnostic, Severity
from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry
from game.content.scene_models import Requires, Scene, SpokenLine
from game.content.validate import suggest

Loc = tuple[str | int, ...]


def resolve(lib: ContentLibrary, target: str, scene_id: str) -> tuple[str, str] | str | None:
    """(scene, node) for `target` seen from `scene_id`, a message saying what is wrong, or None
    when the scene failed to load (its own errors come first)."""
    if ":" in target:
        sid, nid = target.split(":", 1)
    else:
        sid, nid = scene_id, target
    if sid in lib.broken_scenes and sid not in lib.scenes:
        return None
    scene = lib.scenes.get(sid)
    if scene is None:
        return f"there is no scene `{sid}`.{suggest(sid, lib.scenes)}"
    if nid not in scene.nodes:
        hint = suggest(nid, scene.nodes)
        if not hint and ":" not in target and nid in lib.scenes:
            other = lib.scenes[nid]
            hint = f" `{nid}` is a scene: write `{nid}:{other.start}`."
        elif not hint and ":" in target:
            hint = f" Its start node is `{scene.start}`: write `{sid}:{scene.start}`."
        where = "this scene" if sid == scene_id else f"scene `{sid}`"
        return f"{where} has no node `{nid}`.{hint}"
    return sid, nid


def manifest_start(lib: ContentLibrary) -> tuple[str, str] | str | None:
    """Where a new game begins (`scene` alone means that scene's start node)."""
    if lib.manifest is None:
        return "no story manifest"
    start = lib.manifest.start
    if ":" not in start:
        if start in lib.broken_scenes and start not in lib.scenes:
            return None
        scene = lib.scenes.get(start)
        if scene is None:
            return f"there is no scene `{start}`.{suggest(start, lib.scenes)}"
        start = f"{start}:{scene.start}"
    return resolve(lib, start, "")


class _SceneChecker:
    def __init__(self, lib: ContentLibrary, scene: Scene):
        self.lib, self.scene = lib, scene
        self.doc = lib.scene_docs[scene.id]
        self.root = lib.scene_roots[scene.id]
        self.out: list[Diagnostic] = []
        self.doors = {(d.node, d.index) for d in lib.doors if d.scene == scene.id}

    def report(self, loc: Loc, code: str, message: str, severity: Severity = "error") -> None:
        self.out.append(
            Diagnostic(
                file=self.doc.file,
                line=self.doc.line_of(loc),
                severity=severity,
                code=code,
                message=message,
            )
        )

    def target(self, loc: Loc, target: str) -> None:
        found = resolve(self.lib, target, self.scene.id)
        if isinstance(found, str):
            self.report(loc, "unknown-target", f"`{target}`: {found}")

    def requires(self, loc: Loc, req: Requires | None) -> None:
        for i, pid in enumerate(req.solved if req else []):
            self.puzzle_id((*loc, "solved", i), pid)
        for i, cond in enumerate(req.solved_how if req else []):
            where = (*loc, "solved_how", i)
            entry = self.puzzle_id((*where, "puzzle"), cond.puzzle)
            if entry is not None and cond.goal is not None:
                goals = [g.id for g in entry.model.goals]
                if cond.goal not in goals:
                    known = ", ".join(f"`{g}`" for g in goals) or "none"
                    self.report(
                        (*where, "goal"),
                        "unknown-goal",
                        f"puzzle `{cond.puzzle}` has no goal `{cond.goal}` (its goals: "
                        f"{known}).{suggest(cond.goal, goals)}",
                    )

    def puzzle_id(self, loc: Loc, pid: str) -> PuzzleEntry | None:
        """The puzzle a condition names; reports it when there is none."""
        if pid in self.lib.puzzles:
            return self.lib.puzzles[pid]
        if pid not in self.lib.broken_puzzles:
            self.report(
                loc, "unknown-puzzle", f"no puzzle `{pid}`.{suggest(pid, self.lib.puzzles)}"
            )
        return None

    def asset(self, loc: Loc, value: str | None, kind: str) -> None:
        if value is None:
            return
        problem, severity = asset_problem(self.lib, self.root, value, kind)
        if problem:
            self.report(loc, "asset", problem, severity)

    def run(self) -> list[Diagnostic]:
        scene, lib = self.scene, self.lib
        if lib.manifest is not None and scene.act not in lib.act_ids:
            hint = suggest(scene.act, lib.act_ids)
            self.report(("act",), "unknown-act", f"no act `{scene.act}`.{hint}")
        if scene.start not in scene.nodes:
            self.report(
                ("start",),
                "unknown-target",
                f"no node `{scene.start}`.{suggest(scene.start, scene.nodes)}",
            )
        self.asset(("background",), scene.background, "backdrop")
        self.asset(("music",), scene.music, "music")
        for sid, speaker in scene.speakers.items():
            self.asset(("speakers", sid, "portrait"), speaker.portrait, "portrait")
        for nid, node in scene.nodes.items():
            base: Loc = ("nodes", nid)
            for i, line in enumerate(node.lines):
                self.line((*base, "lines", i), line)
            for i, choice in enumerate(node.choices or []):
                if (nid, i) in self.doors:
                    continue  # checked against the mod's manifest, where the modder can fix it
                self.target((*base, "choices", i, "goto"), choice.goto)
                self.requires((*base, "choices", i, "requires"), choice.requires)
            if isinstance(node.next, str):
                self.target((*base, "next"), node.next)
            for i, branch in enumerate(node.next if isinstance(node.next, list) else []):
                self.target((*base, "next", i, "goto"), branch.goto)
                self.requires((*base, "next", i, "requires"), branch.requires)
            if node.puzzle is not None:
                pid = node.puzzle.id
                if pid not in lib.puzzles and pid not in lib.broken_puzzles:
                    self.report(
                        (*base, "puzzle", "id"),
                        "unknown-puzzle",
                        f"no puzzle `{pid}`.{suggest(pid, lib.puzzles)}",
                    )
                self.target((*base, "puzzle", "success"), node.puzzle.success)
        return self.out

    def line(self, loc: Loc, line: object) -> None:
        if isinstance(line, SpokenLine):
            speaker = line.speaker
            self.requires((*loc, "requires"), line.requires)
        elif isinstance(line, dict):
            speaker = next(iter(line))
        else:
            return
        if speaker is not None and speaker not in self.scene.speakers:
            self.report(
                loc,
                "unknown-speaker",
                f"no speaker `{speaker}` in this scene's `speakers`."
                f"{suggest(speaker, self.scene.speakers)}",
            )


def asset_problem(
    lib: ContentLibrary, root: Path, value: str, kind: str
) -> tuple[str | None, Severity]:
    """What is wrong with an asset reference: a file under `assets/` or a built-in id."""
    is_file = "/" in value or "." in value
    if not is_file:
        known = {"backdrop": builtins.BACKDROPS, "portrait": builtins.PORTRAITS}.get(kind)
        if known is None:
            return f"`{value}` is not a file under `assets/` (e.g. `music/theme.ogg`)", "error"
        if value in known:
            return None, "error"
        return (
            f"`{value}` is not a built-in {kind}; the game will draw generic art."
            f"{suggest(value, known)}",
            "warning",
        )
    rel = PurePosixPath(value)
    if rel.is_absolute() or ".." in rel.parts:
        return f"`{value}` must be a path inside `assets/`, without `..`", "error"
    suffixes = builtins.SOUND_SUFFIXES if kind == "music" else builtins.IMAGE_SUFFIXES
    if rel.suffix.lower() not in suffixes:
        return f"`{value}`: a {kind} must be one of {', '.join(suffixes)}", "error"
    search = [root, *(r for r in lib.roots[:1] if r != root)]
    if not any((r / "assets" / rel).is_file() for r in search):
        return (
            f"`{value}` not found under `assets/` of {root.name} or the base game; the game "
            "will draw generic art",
            "warning",
        )
    return None, "error"


def _door_checks(lib: ContentLibrary) -> Iterator[Diagnostic]:
    for door in lib.doors:
        choices = lib.scenes[door.scene].nodes[door.node].choices or []
        goto = choices[door.index].goto
        found = resolve(lib, goto, door.scene)
        if isinstance(found, str):
            yield Diagnostic(
                file=door.file,
                line=door.line,
                code="unknown-target",
                message=f"`entry.goto` `{goto}`: {found}",
            )


def _flag_checks(lib: ContentLibrary) -> Iterator[Diagnostic]:
    """Flags a condition tests but nothing ever sets are almost always typos."""
    if lib.broken_scenes:
        return  # the flag may well be set in the scene that failed to load
    set_flags: set[str] = set()
    tested: list[tuple[str, Loc, str]] = []
    for scene in lib.scenes.values():
        for nid, node in scene.nodes.items():
            effects = [node.on_enter, *(c.effects for c in node.choices or [])]
            set_flags.update(f for e in effects if e for f in e.set)
            reqs: list[tuple[Loc, Requires | None]] = [
                (("nodes", nid, "choices", i), c.requires) for i, c in enumerate(node.choices or [])
            ]
            reqs += [
                (("nodes", nid, "lines", i), line.requires)
                for i, line in enumerate(node.lines)
                if isinstance(line, SpokenLine)
            ]
            if isinstance(node.next, list):
                reqs += [(("nodes", nid, "next", i), b.requires) for i, b in enumerate(node.next)]
            for loc, req in reqs:
                for flag in [*(req.flags if req else []), *(req.not_flags if req else [])]:
                    tested.append((scene.id, loc, flag))
    for scene_id, loc, flag in tested:
        if flag not in set_flags:
            doc = lib.scene_docs[scene_id]
            yield Diagnostic(
                file=doc.file,
                line=doc.line_of(loc),
                severity="warning",
                code="unset-flag",
                message=f"flag `{flag}` is tested but never set.{suggest(flag, set_flags)}",
            )


def check_references(lib: ContentLibrary) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for scene in lib.scenes.values():
        out.extend(_SceneChecker(lib, scene).run())
    out.extend(_door_checks(lib))
    out.extend(_flag_checks(lib))
    if lib.manifest is not None and lib.manifest_doc is not None:
        found = manifest_start(lib)
        if isinstance(found, str):
            doc = lib.manifest_doc
            out.append(
                Diagnostic(
                    file=doc.file,
                    line=doc.line_of(("start",)),
                    code="unknown-target",
                    message=f"`start` `{lib.manifest.start}`: {found}",
                )
            )
    for pid, entry in lib.puzzles.items():
        chapter = entry.model.chapter
        if lib.manifest is not None and chapter not in lib.act_ids:
            doc = lib.puzzle_docs[pid]
            out.append(
                Diagnostic(
                    file=doc.file,
                    line=doc.line_of(("chapter",)),
                    code="unknown-act",
                    message=f"no act `{chapter}`.{suggest(chapter, lib.act_ids)}",
                )
            )
    return out
