"""Lint points at the line to fix: puzzle-code failures name cases.py / reference.py /
support.py and the traceback's line; YAML syntax errors come in plain words on the right line;
a file that fails to parse causes no follow-on warnings elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.diagnostics import ContentError
from game.content.lint import lint
from game.content.puzzle_runs import blame
from game.content.yaml_source import parse_yaml
from game.runner.check import runner_hooks
from tests.test_lint import PUZZLE, variant


def syntax(text: str) -> tuple[int, str]:
    with pytest.raises(ContentError) as info:
        parse_yaml(text, "f.yaml")
    [d] = info.value.diagnostics
    assert d.code == "yaml-syntax"
    return d.line or 0, d.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a:\n\tb: 1\n", 2, "tab"),
        ("id: x\ntitle y\nstart: a\n", 2, "without its colon"),
        ("nodes:\n  door:\n    lines:\n      - a\n   next: x\n", 5, "indentation"),
        ("nodes:\n  a:\n    next: b\n b:\n    next: c\n  c: {}\n", 4, "indentation"),
        ('a: "abc\nb: 1\nc: 2\n', 1, "never closed"),
        ("lines:\n  - prof: Hello: world\n", 2, "in quotes"),
    ],
)
def test_yaml_syntax_errors_say_what_to_fix_on_the_right_line(
    text: str, line: int, words: str
) -> None:
    found_line, message = syntax(text)
    assert (found_line, words in message) == (line, True), message
    assert "<block end>" not in message


def test_a_scene_that_does_not_parse_causes_no_flag_warnings_elsewhere(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {"scenes/lab.yaml": ("title:", "title:\n\tbroken: [")},
    )
    codes = {d.code for d in lint([root], run_puzzles=False)}
    assert "yaml-syntax" in codes and "unset-flag" not in codes and "unreachable" not in codes


def _raise_from(folder: Path, name: str, body: str) -> BaseException:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    code = compile(path.read_text(), str(path), "exec")
    try:
        try:
            exec(code, {})
        except Exception as inner:
            raise RuntimeError("the runner wrapped it") from inner
    except RuntimeError as outer:
        return outer
    raise AssertionError("did not raise")


def test_blame_finds_the_innermost_line_of_the_puzzles_own_code(tmp_path: Path) -> None:
    exc = _raise_from(tmp_path, "cases.py", "x = 1\n\ndef f():\n    raise ValueError\n\nf()\n")
    assert blame(exc, tmp_path) == (tmp_path / "cases.py", 4)
    assert blame(exc, tmp_path / "elsewhere") is None  # another puzzle's files never count


@pytest.mark.slow
def test_real_runner_failures_name_the_file_and_line(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    root = variant(
        tmp_path,
        {
            PUZZLE + "cases.py": (
                "def random_case(g: torch.Generator) -> Case:\n",
                "def random_case(g: torch.Generator) -> Case:\n    assert False, 'broken'\n",
            ),
        },
    )
    [d] = [
        d for d in lint([root], run_puzzles=True, runner=runner_hooks()) if d.severity == "error"
    ]
    text = (root / PUZZLE / "cases.py").read_text().splitlines()
    assert d.code == "cases-fail" and d.file.endswith("cases.py")
    assert "assert False" in text[(d.line or 0) - 1]
    root = variant(
        tmp_path / "ref",
        {PUZZLE + "reference.py": ("return x + 1", "return x + undefined_name")},
    )
    [d] = [
        d for d in lint([root], run_puzzles=True, runner=runner_hooks()) if d.severity == "error"
    ]
    text = (root / PUZZLE / "reference.py").read_text().splitlines()
    assert d.code == "reference-fails" and "undefined_name" in text[(d.line or 0) - 1]
