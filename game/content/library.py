"""Load content roots (`scenes/`, `puzzles/`, optional `mod.yaml`) into one library, collecting
every problem instead of stopping at the first. Each root is read on its own (`root_reader`).

The first root is the base game; later roots are mods, merged in order. A mod's door (its
manifest's `entry`) is added to the base node it names as one more choice, so the story engine
plays mods without knowing they exist. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import Diagnostic, display_path
from game.content.mod_models import Entry, ModManifest
from game.content.puzzle_entry import PuzzleEntry
from game.content.root_reader import RootContent, read_root
from game.content.scene_models import Act, Choice, Scene, StoryManifest
from game.content.validate import suggest
from game.content.yaml_source import YamlDocument


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
