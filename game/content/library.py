"""Load content roots (`scenes/`, `puzzles/`, optional `mod.yaml`) into one library, collecting
every problem instead of stopping at the first.

The first root is the base game; later roots are mods, merged in order. A mod's door (its
manifest's `entry`) is added to the base node it names as one more choice, so the story engine
plays mods without knowing they exist. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.checking_notes import with_checking_section
from game.content.diagnostics import ContentError, Diagnostic
from game.content.mod_models import MOD_MANIFEST, Entry, ModManifest
from game.content.puzzle_models import Puzzle
from game.content.scene_models import Act, Choice, Scene, StoryManifest
from game.content.validate import suggest, validate
from game.content.yaml_source import YamlDocument, read_text, read_yaml

PUZZLE_FILES = ("puzzle.yaml", "brief.md", "starter.py", "reference.py", "cases.py")
STORY_MANIFEST = "_story.yaml"


def display_path(path: Path) -> str:
    """How a file is named in diagnostics: relative to the working folder when inside it (so
    editors and terminals can open it), else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True)
class PuzzleEntry:
    """A puzzle's metadata plus where its files are. Only the runner reads reference/cases."""

    model: Puzzle
    folder: Path

    @property
    def brief(self) -> str:
        """`brief.md` as the player reads it: ending with the generated "How it is checked"."""
        return with_checking_section(
            read_text(self.folder / "brief.md"), self.model, self.has_support
        )

    @property
    def starter(self) -> str:
        return read_text(self.folder / "starter.py")

    @property
    def support_path(self) -> Path | None:
        """The `support` module the player may import: the puzzle's own `support.py`, else
        the shared module named by `support:` (inside the root's `puzzles/` folder)."""
        own = self.folder / "support.py"
        if own.is_file():
            return own
        if self.model.support is None or ".." in Path(self.model.support).parts:
            return None
        shared = self.folder.parent / self.model.support
        return shared if shared.is_file() else None

    @property
    def has_support(self) -> bool:
        return self.support_path is not None


@dataclass(frozen=True)
class Door:
    """A mod's entry, added as the choice `index` of the base node `scene:node`."""

    mod: str
    scene: str
    node: str
    index: int
    file: str
    line: int


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


@dataclass
class ContentLibrary:
    """Everything loaded from one or more content roots."""

    manifest: StoryManifest | None = None
    scenes: dict[str, Scene] = field(default_factory=dict)
    scene_files: dict[str, Path] = field(default_factory=dict)
    puzzles: dict[str, PuzzleEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)
    mods: list[ModManifest] = field(default_factory=list)
    doors: list[Door] = field(default_factory=list)
    manifest_doc: YamlDocument | None = None
    scene_docs: dict[str, YamlDocument] = field(default_factory=dict)
    puzzle_docs: dict[str, YamlDocument] = field(default_factory=dict)
    scene_roots: dict[str, Path] = field(default_factory=dict)
    broken_scenes: set[str] = field(default_factory=set)
    broken_puzzles: set[str] = field(default_factory=set)
    """Scenes and puzzles that failed to load: lint stays quiet about references to them,
    since their own errors already say what to fix."""

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def acts(self) -> list[Act]:
        """Acts in playing order: the story's, then one per loaded mod (its id, under the
        mod's title), so a mod's scenes and puzzles are listed under its name."""
        story = list(self.manifest.acts) if self.manifest else []
        taken = {a.id for a in story}
        mods = [
            Act(id=m.id, title=m.title, summary=m.description)
            for m in self.mods
            if m.id not in taken
        ]
        return story + mods

    @property
    def act_ids(self) -> set[str]:
        """Acts scenes may name: the story's acts plus each loaded mod's id."""
        acts = {a.id for a in self.manifest.acts} if self.manifest else set()
        return acts | {m.id for m in self.mods}


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


def _add_part(lib: ContentLibrary, part: RootContent) -> None:
    lib.roots.append(part.root)
    lib.diagnostics.extend(part.diagnostics)
    lib.broken_scenes |= part.broken_scenes
    lib.broken_puzzles |= part.broken_puzzles
    if part.mod is not None:
        lib.mods.append(part.mod)
    if part.manifest is not None and lib.manifest is None:
        lib.manifest, lib.manifest_doc = part.manifest, part.manifest_doc
    for scene_id, scene in part.scenes.items():
        doc = part.scene_docs[scene_id]
        if scene_id in lib.scenes:
            lib.diagnostics.append(
                Diagnostic(
                    file=doc.file,
                    line=doc.line_of(("id",)),
                    code="duplicate-id",
                    message=f"scene `{scene_id}` is already defined in "
                    f"{display_path(lib.scene_files[scene_id])}; pick another id",
                )
            )
            continue
        lib.scenes[scene_id], lib.scene_docs[scene_id] = scene, doc
        lib.scene_files[scene_id], lib.scene_roots[scene_id] = part.scene_files[scene_id], part.root
    for puzzle_id, entry in part.puzzles.items():
        doc = part.puzzle_docs[puzzle_id]
        if puzzle_id in lib.puzzles:
            lib.diagnostics.append(
                Diagnostic(
                    file=doc.file,
                    line=doc.line_of(("id",)),
                    code="duplicate-id",
                    message=f"puzzle `{puzzle_id}` is already defined in "
                    f"{display_path(lib.puzzles[puzzle_id].folder)}; pick another id",
                )
            )
            continue
        lib.puzzles[puzzle_id], lib.puzzle_docs[puzzle_id] = entry, doc


def _open_door(lib: ContentLibrary, mod: ModManifest, entry: Entry, doc: YamlDocument) -> None:
    """Add the mod's entry as an extra choice on the base node it names."""
    scene_id, node_id = entry.at.split(":", 1)

    def problem(message: str) -> None:
        lib.diagnostics.append(
            Diagnostic(
                file=doc.file,
                line=doc.line_of(("entry", "at")),
                code="bad-entry",
                message=message,
            )
        )

    scene = lib.scenes.get(scene_id)
    if scene is None:
        problem(f"`entry.at`: there is no scene `{scene_id}`.{suggest(scene_id, lib.scenes)}")
        return
    node = scene.nodes.get(node_id)
    if node is None:
        problem(
            f"`entry.at`: scene `{scene_id}` has no node `{node_id}`."
            f"{suggest(node_id, scene.nodes)}"
        )
        return
    if node.choices is None:
        problem(
            f"`entry.at`: `{entry.at}` has no `choices`, so there is nowhere to put a door; "
            "pick a node that offers choices (a hub)"
        )
        return
    door = Choice(text=entry.label, goto=entry.goto, requires=entry.requires)
    new_node = node.model_copy(update={"choices": [*node.choices, door]})
    lib.scenes[scene_id] = scene.model_copy(update={"nodes": {**scene.nodes, node_id: new_node}})
    lib.doors.append(
        Door(
            mod=mod.id,
            scene=scene_id,
            node=node_id,
            index=len(node.choices),
            file=doc.file,
            line=doc.line_of(("entry",)),
        )
    )


def merge(parts: list[RootContent]) -> ContentLibrary:
    """Merge roots read by `read_root`, base game first; later duplicates are errors."""
    lib = ContentLibrary()
    for part in parts:
        _add_part(lib, part)
    for part in parts:
        if part.mod is not None and part.mod.entry is not None and part.mod_doc is not None:
            _open_door(lib, part.mod, part.mod.entry, part.mod_doc)
    return lib


def load_library(roots: list[Path]) -> ContentLibrary:
    """Load every root in order (base game first, then mods); problems go to `diagnostics`."""
    return merge([read_root(root) for root in roots])
