"""MODDING.md's "Puzzle rules in depth" can never go stale: every example in it runs against the
drill room's real puzzles. A `yaml puzzle=ID` block must be part of that puzzle.yaml; a
`python puzzle=ID verdict=V` block is checked by the real runner and must get verdict V (and,
with `says=WORD`, a message containing WORD; with `solved=ID`, the reference of that puzzle
stands in as the player's own passing answer); a `python file=PATH lines=NAME` block must be
that function's source in that file."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.runner.check import check_code

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "MODDING.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("## Puzzle rules in depth")[1].split("\n## ")[0]
BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)


def _blocks(lang: str) -> list[tuple[dict[str, str], str]]:
    found = []
    for kind, info, body in BLOCK.findall(SECTION):
        if kind == lang:
            found.append((dict(p.split("=", 1) for p in info.split() if "=" in p), body))
    return found


def _contains(whole: Any, part: Any) -> bool:
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            k in whole and _contains(whole[k], v) for k, v in part.items()
        )
    return whole == part


def test_the_section_has_examples_of_each_kind() -> None:
    assert len(_blocks("yaml")) >= 5
    assert len([a for a, _ in _blocks("python") if "verdict" in a]) >= 8


@pytest.mark.parametrize("attrs,body", _blocks("yaml"))
def test_yaml_examples_are_real_puzzle_settings(attrs: dict[str, str], body: str) -> None:
    real = yaml.safe_load((REPO / "puzzles" / attrs["puzzle"] / "puzzle.yaml").read_text())
    assert _contains(real, yaml.safe_load(body)), f"{attrs['puzzle']}/puzzle.yaml says otherwise"


@pytest.mark.parametrize("attrs,body", [(a, b) for a, b in _blocks("python") if "verdict" in a])
def test_python_examples_get_their_verdict(attrs: dict[str, str], body: str) -> None:
    solutions = {}
    if "solved" in attrs:
        solutions[attrs["solved"]] = (
            REPO / "puzzles" / attrs["solved"] / "reference.py"
        ).read_text()
    result = check_code(
        attrs["puzzle"], body, device="cpu", roots=[REPO], seed=7, solutions=solutions
    )
    assert result.verdict == attrs["verdict"], result.message
    if "says" in attrs:
        said = [result.message, *(c.message for c in result.cases)]
        assert any(attrs["says"] in text for text in said), said


@pytest.mark.parametrize("attrs,body", [(a, b) for a, b in _blocks("python") if "file" in a])
def test_quoted_code_is_the_real_code(attrs: dict[str, str], body: str) -> None:
    source = (REPO / attrs["file"]).read_text(encoding="utf-8")
    fn = next(
        n
        for n in ast.parse(source).body
        if isinstance(n, ast.FunctionDef) and n.name == attrs["lines"]
    )
    assert ast.get_source_segment(source, fn) == body.rstrip("\n")
