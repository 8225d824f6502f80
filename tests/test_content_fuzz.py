"""Property tests: random mutations of valid content never crash the loader or lint. They load,
or they give diagnostics that each name a file and a line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.diagnostics import ContentError
from game.content.lint import lint
from game.content.mod_models import ModManifest
from game.content.puzzle_models import Puzzle
from game.content.scaffold import render
from game.content.scene_models import Scene, StoryManifest
from game.content.validate import validate
from game.content.yaml_source import parse_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "base"
MOD = render("fuzz", "Fuzz", "lab:hub")
SOURCES: list[tuple[str, type]] = [
    ((FIXTURE / "scenes" / "lab.yaml").read_text(encoding="utf-8"), Scene),
    ((FIXTURE / "scenes" / "_story.yaml").read_text(encoding="utf-8"), StoryManifest),
    ((FIXTURE / "puzzles" / "add_one" / "puzzle.yaml").read_text(encoding="utf-8"), Puzzle),
    (MOD["mod.yaml"], ModManifest),
    (MOD["scenes/fuzz_annex.yaml"], Scene),
]
NOISE = st.text(
    alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\n\t  abcxyz019_é\u2028\x00\x85")),
    max_size=12,
)
WORDS = [
    "goto",
    "next",
    "lines",
    "choices",
    "id",
    "prof",
    "hub",
    "static",
    "true",
    "no",
    "!!python/name:os.system",
    "&a",
    "*a",
    "- ",
    "{",
    "null",
    "1e9",
    "<<",
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "dup", "swap", "indent", "word"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if kind == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(NOISE) + line[at:]
        elif kind == "delete" and line:
            a = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:a] + line[a + draw(st.integers(1, 6)) :]
        elif kind == "dup":
            lines.insert(i, line)
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + line.lstrip()
        else:
            words = line.split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
            lines[i] = " ".join(words)
    return "\n".join(lines)


@st.composite
def source_and_mutation(draw: st.DrawFn) -> tuple[str, type]:
    text, model = draw(st.sampled_from(SOURCES))
    return draw(mutated(text)), model


@settings(max_examples=300, deadline=None)
@given(source_and_mutation())
def test_mutated_files_load_or_give_located_diagnostics(case: tuple[str, type]) -> None:
    text, model = case
    try:
        validate(parse_yaml(text, "mutant.yaml"), model)
    except ContentError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.file == "mutant.yaml"
            assert isinstance(d.line, int) and d.line >= 1
            assert d.message


LINTED = [
    "scenes/lab.yaml",
    "scenes/_story.yaml",
    "puzzles/add_one/puzzle.yaml",
    "puzzles/add_one/starter.py",
    "puzzles/add_one/cases.py",
]


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, str]:
    rel = draw(st.sampled_from(LINTED))
    return rel, draw(mutated((FIXTURE / rel).read_text(encoding="utf-8")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_file())
def test_lint_survives_mutated_files(case: tuple[str, str]) -> None:
    rel, text = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "base"
        shutil.copytree(FIXTURE, root)
        (root / rel).write_text(text, encoding="utf-8", errors="surrogatepass")
        for d in lint([root], run_puzzles=False):
            assert d.file and isinstance(d.line, int) and d.line >= 1
