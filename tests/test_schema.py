"""`torchenstein schema`: JSON Schema files written from the models, usable by editors: valid
schemas that accept the real content and refuse typos."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from game.content.scaffold import render
from game.content.schema import SCHEMAS, cli_schema

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "content" / "base"


@pytest.fixture(scope="module")
def validators(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("schema")
    assert cli_schema(argparse.Namespace(out=out)) == 0
    found = {}
    for name in SCHEMAS:
        schema = json.loads((out / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        found[name] = jsonschema.Draft202012Validator(schema)
    return found


def documents() -> list[tuple[str, str, object]]:
    docs = []
    for root in (REPO, FIXTURE):
        for path in sorted((root / "scenes").glob("*.yaml")):
            kind = "story.schema.json" if path.name == "_story.yaml" else "scene.schema.json"
            docs.append((str(path), kind, yaml.safe_load(path.read_text(encoding="utf-8"))))
        for path in sorted((root / "puzzles").glob("*/puzzle.yaml")):
            docs.append((str(path), "puzzle.schema.json", yaml.safe_load(path.read_text("utf-8"))))
    mod = render("demo", "Demo", "prologue:hub")
    docs.append(("mod.yaml", "mod.schema.json", yaml.safe_load(mod["mod.yaml"])))
    docs.append(("scene", "scene.schema.json", yaml.safe_load(mod["scenes/demo_annex.yaml"])))
    return docs


def test_schemas_accept_real_content(validators) -> None:
    for name, kind, doc in documents():
        errors = [e.message for e in validators[kind].iter_errors(doc)]
        assert errors == [], f"{name}: {errors[:3]}"


def test_schemas_refuse_typos_and_ambiguous_lines(validators) -> None:
    scene = yaml.safe_load((FIXTURE / "scenes" / "lab.yaml").read_text(encoding="utf-8"))
    scene["nodes"]["hub"]["chioces"] = scene["nodes"]["hub"].pop("choices")
    assert list(validators["scene.schema.json"].iter_errors(scene))
    scene = yaml.safe_load((FIXTURE / "scenes" / "lab.yaml").read_text(encoding="utf-8"))
    scene["nodes"]["static"]["lines"].append({"speaker": "prof", "txt": "typo"})
    assert list(validators["scene.schema.json"].iter_errors(scene))


def test_schema_carries_field_descriptions(validators) -> None:
    schema = validators["puzzle.schema.json"].schema
    assert "function the player writes" in schema["properties"]["entry"]["description"]


def test_unwritable_folder_is_a_clean_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli_schema(argparse.Namespace(out=blocker / "sub")) == 1
    assert "cannot write" in capsys.readouterr().out
