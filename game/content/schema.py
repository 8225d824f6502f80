"""`torchenstein schema`: JSON Schema files for every content format, for editor completion.

Written straight from the pydantic models (the single source of truth), one file per format.
Must not import pygame or torch.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.content.mod_models import ModManifest
from game.content.puzzle_models import Puzzle
from game.content.scene_models import Scene, StoryManifest

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "scene.schema.json": (Scene, "scenes/<scene_id>.yaml"),
    "story.schema.json": (StoryManifest, "scenes/_story.yaml"),
    "puzzle.schema.json": (Puzzle, "puzzles/<puzzle_id>/puzzle.yaml"),
    "mod.schema.json": (ModManifest, "mod.yaml"),
}


def json_schema(model: type[BaseModel], applies_to: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Torchenstein {applies_to}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out` (created if needed); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, applies_to) in SCHEMAS.items():
        path = out / name
        path.write_text(json.dumps(json_schema(model, applies_to), indent=2) + "\n", "utf-8")
        written.append(path)
    return written


def cli_schema(args: argparse.Namespace) -> int:
    """`torchenstein schema [--out DIR]`."""
    out = Path(getattr(args, "out", None) or "schema")
    try:
        written = write_schemas(out)
    except OSError as exc:
        print(f"torchenstein schema: cannot write to {out}: {exc.strerror or exc}")
        return 1
    for path in written:
        print(f"wrote {path}")
    print(
        "Point your editor's YAML support at these files, e.g. a first line "
        f"`# yaml-language-server: $schema={out / 'scene.schema.json'}` in a scene."
    )
    return 0
