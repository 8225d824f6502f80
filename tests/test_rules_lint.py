"""Lint of puzzle rules: allow-list groups and tools must exist (with did-you-mean), every
dotted name in the rules must reach a real torch object (a typo like `torch.cumsun` would
refuse nothing), and a rule or goal the reference itself cannot meet is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.diagnostics import Diagnostic
from game.content.lint import lint
from game.runner.protocol import Metrics, RunResult
from tests.test_lint import PUZZLE, FakeRunner, only, variant

YAML = PUZZLE + "puzzle.yaml"


def _with(tmp_path: Path, extra: str) -> Path:
    return variant(tmp_path, {YAML: ("hints:", extra + "hints:")})


def test_an_unknown_group_suggests_the_real_one(tmp_path: Path) -> None:
    root = _with(tmp_path, "rules:\n  allow: [arithmetc, torch.where]\n")
    d = only(lint([root], run_puzzles=False), "unknown-allow-group")
    assert d.severity == "error" and "did you mean `arithmetic`?" in d.message


def test_an_allow_entry_outside_torch_is_refused(tmp_path: Path) -> None:
    root = _with(tmp_path, "rules:\n  allow: [math.sqrt]\n")
    assert "allowed_imports" in only(lint([root], run_puzzles=False), "bad-allow").message


def test_tools_must_name_other_puzzles(tmp_path: Path) -> None:
    root = _with(tmp_path, "tools:\n  - puzzle: add_onee\n")
    assert (
        "did you mean `add_one`?" in only(lint([root], run_puzzles=False), "unknown-tool").message
    )
    root = _with(tmp_path / "self", "tools:\n  - puzzle: add_one\n")
    only(lint([root], run_puzzles=False), "self-tool")


def test_a_rule_the_reference_breaks_is_unreachable(tmp_path: Path) -> None:
    root = _with(tmp_path, "rules:\n  max_line_width: 20\n")
    d = only(lint([root], run_puzzles=False), "rule-unreachable")
    assert d.severity == "warning" and d.file.endswith("reference.py")
    assert "characters wide" in d.message


class _Runner(FakeRunner):
    def check_code(self, puzzle_id: str, code: str, **kwargs: object) -> RunResult:
        result = super().check_code(puzzle_id, code, **kwargs)  # type: ignore[arg-type]
        return result.model_copy(update={"metrics": Metrics(ops=5, code_lines=3)})


def _lint_run(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[Diagnostic]:
    from game.content.puzzle_runs import RunnerHooks
    from game.runner.names import unresolved

    runner = _Runner()
    hooks = RunnerHooks(runner.check_code, runner.case_fingerprints, unresolved_names=unresolved)
    return lint([root], run_puzzles=True, runner=hooks)


def test_a_misspelt_rule_name_is_an_error_with_the_real_name(tmp_path: Path, monkeypatch) -> None:
    root = _with(tmp_path, "rules:\n  forbidden: [torch.cumsun, torch.Tensor.cumsum]\n")
    d = only(_lint_run(monkeypatch, root), "unknown-rule-name")
    assert d.severity == "error" and "`torch.cumsun`" in d.message
    assert "did you mean `torch.cumsum`?" in d.message


def test_a_goal_the_reference_misses_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    goals = "goals:\n  - {id: tiny, text: One op, metric: ops, max: 1}\n"
    root = variant(tmp_path, {YAML: ("hints:", goals + "hints:")})
    d = only(_lint_run(monkeypatch, root), "goal-unreachable")
    assert d.severity == "warning" and "ops <= 1" in d.message and "scores 5" in d.message
