"""Read one content root on its own, before any merging: its mod manifest (if any), its story
manifest, scenes and puzzles, each validated, every problem collected as a diagnostic that names
the file and line. Ids must equal their file or folder names. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import ContentError, Diagnostic, display_path
from game.content.mod_models import MOD_MANIFEST, ModManifest
from game.content.puzzle_entry import PUZZLE_FILES, PuzzleEntry
from game.content.puzzle_models import Puzzle
from game.content.scene_models import Scene, StoryManifest
from game.content.validate import validate
from game.content.yaml_source import YamlDocument, read_yaml

STORY_MANIFEST = "_story.yaml"


@dataclass
class RootContent:
    """One content root, read and validated on its own (before merging)."""

    root: Path
    mod: ModManifest | None = None
    mod_doc: YamlDocument | None = None
    manifest: StoryManifest | None = None
    manifest_doc: YamlDocument | None = None
    scenes: dict[str, Scene] = field(default_factory=dict)
    scene_docs: dict[str, YamlDocument] = field(default_factory=dict)
    scene_files: dict[str, Path] = field(default_factory=dict)
    puzzles: dict[str, PuzzleEntry] = field(default_factory=dict)
    puzzle_docs: dict[str, YamlDocument] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_scenes: set[str] = field(default_factory=set)
    broken_puzzles: set[str] = field(default_factory=set)
    """File stems / folder names of scenes and puzzles that failed to load."""


def _id_mismatch(doc: YamlDocument, what: str, must_equal: str) -> Diagnostic:
    """Ids name their file or folder, so a reference can always be followed to its file."""
    return Diagnostic(
        file=doc.file,
        line=doc.line_of(("id",)),
        code="id-mismatch",
        message=f"{what} must equal {must_equal}",
    )


def _read_scene(path: Path, part: RootContent) -> None:
    name = display_path(path)
    try:
        doc = read_yaml(path, name)
        if path.name == STORY_MANIFEST:
            if part.mod is not None:
                part.diagnostics.append(
                    Diagnostic(
                        file=name,
                        line=1,
                        code="mod-story-manifest",
                        message=f"a mod cannot replace the story's `{STORY_MANIFEST}`; "
                        f"use `entry` in `{MOD_MANIFEST}` to join the story",
                    )
                )
                return
            part.manifest, part.manifest_doc = validate(doc, StoryManifest), doc
            return
        scene = validate(doc, Scene)
    except ContentError as exc:
        part.diagnostics.extend(exc.diagnostics)
        part.broken_scenes.add(path.stem)
        return
    if scene.id != path.stem:
        part.diagnostics.append(
            _id_mismatch(doc, f"scene id `{scene.id}`", f"the file name `{path.stem}`")
        )
        part.broken_scenes.add(path.stem)
        return
    part.scenes[scene.id], part.scene_docs[scene.id], part.scene_files[scene.id] = scene, doc, path


def _read_puzzle(folder: Path, part: RootContent) -> None:
    yaml_path = folder / "puzzle.yaml"
    name = display_path(yaml_path)
    missing = [f for f in PUZZLE_FILES if not (folder / f).is_file()]
    if missing:
        part.diagnostics.append(
            Diagnostic(
                file=display_path(folder),
                line=1,
                code="missing-file",
                message="puzzle folder lacks " + ", ".join(f"`{m}`" for m in missing),
            )
        )
        part.broken_puzzles.add(folder.name)
        if "puzzle.yaml" in missing:
            return
    try:
        doc = read_yaml(yaml_path, name)
        puzzle = validate(doc, Puzzle)
    except ContentError as exc:
        part.diagnostics.extend(exc.diagnostics)
        part.broken_puzzles.add(folder.name)
        return
    if puzzle.id != folder.name:
        part.diagnostics.append(
            _id_mismatch(doc, f"puzzle id `{puzzle.id}`", f"its folder name `{folder.name}`")
        )
        return
    if not missing:
        part.puzzles[puzzle.id] = PuzzleEntry(model=puzzle, folder=folder)
        part.puzzle_docs[puzzle.id] = doc


def read_root(root: Path) -> RootContent:
    """Read one root: its mod manifest (if any), scenes and puzzles."""
    root = Path(root)
    part = RootContent(root=root)
    mod_path = root / MOD_MANIFEST
    if mod_path.is_file():
        try:
            part.mod_doc = read_yaml(mod_path, display_path(mod_path))
            part.mod = validate(part.mod_doc, ModManifest)
        except ContentError as exc:
            part.diagnostics.extend(exc.diagnostics)
    scenes_dir = root / "scenes"
    if scenes_dir.is_dir():
        for path in sorted(scenes_dir.glob("*.yaml")):
            _read_scene(path, part)
    puzzles_dir = root / "puzzles"
    if puzzles_dir.is_dir():
        for folder in sorted(p for p in puzzles_dir.iterdir() if p.is_dir()):
            if not folder.name.startswith((".", "_")):
                _read_puzzle(folder, part)
    return part
