"""`torchenstein new-mod NAME`: a mod folder with one scene and one puzzle that lints clean and
plays at once (`torchenstein play --mod NAME`).

The files come from the templates in `mod_template/`; MODDING.md shows them and a test keeps
the two identical. Never overwrites anything. Must not import pygame or torch.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path
from string import Template

import game
from game.content.graph import edges
from game.content.library import ContentLibrary, load_library
from game.content.locate import content_root
from game.content.references import manifest_start

TEMPLATES = Path(__file__).with_name("mod_template")
PREFERRED_ENTRY = "prologue:hub"
LAYOUT = {
    "mod.yaml": "mod.yaml.tmpl",
    "scenes/${mod_id}_annex.yaml": "scene.yaml.tmpl",
    "puzzles/${mod_id}_double/puzzle.yaml": "puzzle.yaml.tmpl",
    "puzzles/${mod_id}_double/brief.md": "brief.md.tmpl",
    "puzzles/${mod_id}_double/starter.py": "starter.py.tmpl",
    "puzzles/${mod_id}_double/reference.py": "reference.py.tmpl",
    "puzzles/${mod_id}_double/cases.py": "cases.py.tmpl",
}


def mod_id_for(name: str) -> str | None:
    """The id a folder name becomes (`My-Mod` -> `my_mod`), or None if nothing usable is left
    or it would not start with a letter (ids must; `2cool` is refused, not quietly renamed)."""
    ident = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:48]
    return ident if re.match(r"^[a-z]", ident) else None


def clashes(mod_id: str, lib: ContentLibrary) -> str | None:
    """Why `mod_id` cannot be used next to the base game (an act, scene or puzzle of the same
    name, or of the names the template makes), or None."""
    acts = {a.id for a in lib.manifest.acts} if lib.manifest else set()
    if mod_id in acts:
        return f"the base game already has an act `{mod_id}`"
    for made, what in ((f"{mod_id}_annex", lib.scenes), (f"{mod_id}_double", lib.puzzles)):
        if made in what or mod_id in what:
            return f"the base game already uses the id `{made if made in what else mod_id}`"
    return None


def find_entry(lib: ContentLibrary) -> str | None:
    """Where a new mod's door goes: the lab hub if the game has one, else the first node with
    choices on the way from the start."""
    hub_scene, hub_node = PREFERRED_ENTRY.split(":")
    scene = lib.scenes.get(hub_scene)
    if scene is not None and hub_node in scene.nodes and scene.nodes[hub_node].choices:
        return PREFERRED_ENTRY
    start = manifest_start(lib)
    if not isinstance(start, tuple):
        return None
    graph, _ = edges(lib)
    queue, seen = [start], {start}
    while queue:
        sid, nid = queue.pop(0)
        if lib.scenes[sid].nodes[nid].choices:
            return f"{sid}:{nid}"
        for nxt in graph.get((sid, nid), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return None


def game_spec() -> str:
    """Versions a new mod claims to fit: this one up to the next major version."""
    major, minor = (int(p) for p in game.__version__.split(".")[:2])
    return f">={major}.{minor}, <{major + 1}"


def render(mod_id: str, title: str, entry: str) -> dict[str, str]:
    """Relative path -> file text of a new mod."""
    values = {"mod_id": mod_id, "title": title, "entry": entry, "game": game_spec()}
    return {
        Template(rel).substitute(values): Template(
            (TEMPLATES / tmpl).read_text(encoding="utf-8")
        ).substitute(values)
        for rel, tmpl in LAYOUT.items()
    }


def cli_new_mod(args: argparse.Namespace) -> int:
    """`torchenstein new-mod NAME`: create ./NAME/ and say how to play and lint it."""
    name = str(args.name)
    folder = Path(name)
    mod_id = mod_id_for(folder.name)
    if mod_id is None:
        tail = re.sub(r"[^a-z0-9_]+", "_", folder.name.lower()).strip("_")[:44]
        print(
            f"new-mod: `{name}` does not make a mod id: ids are lower-case letters, digits and "
            f"underscores, starting with a letter; try e.g. `{'mod_' + tail if tail else 'my_mod'}`"
        )
        return 2
    if folder.exists():
        print(f"new-mod: `{folder}` already exists; pick another name (nothing was changed)")
        return 1
    base = load_library([content_root()])
    clash = clashes(mod_id, base)
    if clash is not None:
        print(f"new-mod: `{mod_id}` cannot be a mod id: {clash}; try e.g. `my_{mod_id}`")
        return 2
    entry = find_entry(base)
    if entry is None:
        print("new-mod: the base game has no node with choices to put a door on")
        return 1
    title = mod_id.replace("_", " ").title()
    for rel, text in render(mod_id, title, entry).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shown = shlex.quote(str(folder))
    print(f"Created {folder}/ (mod id `{mod_id}`): one scene, one puzzle, a door at `{entry}`.")
    print(f"  Play it:  torchenstein play --mod {shown}")
    print(f"  Check it: torchenstein lint {shown}")
    return 0
