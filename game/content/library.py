"""Load a content root (`scenes/` and `puzzles/`) into one library, collecting every problem.

Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import ContentError, Diagnostic
from game.content.puzzle_models import Puzzle
from game.content.scene_models import Scene, StoryManifest
from game.content.validate import validate
from game.content.yaml_source import read_yaml

PUZZLE_FILES = ("puzzle.yaml", "brief.md", "starter.py", "reference.py", "cases.py")


@dataclass(frozen=True)
class PuzzleEntry:
    """A puzzle's metadata plus where its files are. Only the runner reads reference/cases."""

    model: Puzzle
    folder: Path

    @property
    def brief(self) -> str:
        return (self.folder / "brief.md").read_text(encoding="utf-8")

    @property
    def starter(self) -> str:
        return (self.folder / "starter.py").read_text(encoding="utf-8")

    @property
    def has_support(self) -> bool:
        return (self.folder / "support.py").is_file()


@dataclass
class ContentLibrary:
    """Everything loaded from one or more content roots."""

    manifest: StoryManifest | None = None
    scenes: dict[str, Scene] = field(default_factory=dict)
    scene_files: dict[str, Path] = field(default_factory=dict)
    puzzles: dict[str, PuzzleEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_scenes(root: Path, lib: ContentLibrary) -> None:
    scenes_dir = root / "scenes"
    if not scenes_dir.is_dir():
        return
    for path in sorted(scenes_dir.glob("*.yaml")):
        name = _display(path, root)
        try:
            doc = read_yaml(path, name)
            if path.stem == "_story":
                lib.manifest = validate(doc, StoryManifest)
                continue
            scene = validate(doc, Scene)
        except ContentError as exc:
            lib.diagnostics.extend(exc.diagnostics)
            continue
        if scene.id != path.stem:
            lib.diagnostics.append(
                Diagnostic(
                    file=name,
                    line=doc.line_of(("id",)),
                    code="id-mismatch",
                    message=f"scene id `{scene.id}` must equal the file name `{path.stem}`",
                )
            )
            continue
        if scene.id in lib.scenes:
            lib.diagnostics.append(
                Diagnostic(
                    file=name,
                    line=doc.line_of(("id",)),
                    code="duplicate-id",
                    message=f"scene `{scene.id}` is already defined in {lib.scene_files[scene.id]}",
                )
            )
            continue
        lib.scenes[scene.id] = scene
        lib.scene_files[scene.id] = path


def load_puzzles(root: Path, lib: ContentLibrary) -> None:
    puzzles_dir = root / "puzzles"
    if not puzzles_dir.is_dir():
        return
    for folder in sorted(p for p in puzzles_dir.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")):
            continue
        yaml_path = folder / "puzzle.yaml"
        name = _display(yaml_path, root)
        missing = [f for f in PUZZLE_FILES if not (folder / f).is_file()]
        if missing:
            lib.diagnostics.append(
                Diagnostic(
                    file=_display(folder, root),
                    code="missing-file",
                    message="puzzle folder lacks " + ", ".join(f"`{m}`" for m in missing),
                )
            )
            if "puzzle.yaml" in missing:
                continue
        try:
            doc = read_yaml(yaml_path, name)
            puzzle = validate(doc, Puzzle)
        except ContentError as exc:
            lib.diagnostics.extend(exc.diagnostics)
            continue
        if puzzle.id != folder.name:
            lib.diagnostics.append(
                Diagnostic(
                    file=name,
                    line=doc.line_of(("id",)),
                    code="id-mismatch",
                    message=f"puzzle id `{puzzle.id}` must equal its folder name `{folder.name}`",
                )
            )
            continue
        if puzzle.id in lib.puzzles:
            lib.diagnostics.append(
                Diagnostic(
                    file=name,
                    code="duplicate-id",
                    message=f"puzzle `{puzzle.id}` is already defined in "
                    f"{lib.puzzles[puzzle.id].folder}",
                )
            )
            continue
        if not missing:
            lib.puzzles[puzzle.id] = PuzzleEntry(model=puzzle, folder=folder)


def load_library(roots: list[Path]) -> ContentLibrary:
    """Load every root in order (base game first, then mods); problems go to `diagnostics`."""
    lib = ContentLibrary()
    for root in roots:
        load_scenes(root, lib)
        load_puzzles(root, lib)
    return lib
