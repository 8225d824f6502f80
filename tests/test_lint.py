"""`torchenstein lint`: each check finds the mistake it is for, at the right file and line, with a
likely fix; exit codes and JSON follow the contract."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from game.content.diagnostics import Diagnostic
from game.content.lint import cli_lint, lint

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "base"


def variant(
    tmp_path: Path,
    edits: dict[str, tuple[str, str]] | None = None,
    files: dict[str, str | None] | None = None,
) -> Path:
    """A copy of the fixture game with text replacements and added/removed files."""
    root = tmp_path / "game"
    shutil.copytree(FIXTURE, root)
    for rel, (old, new) in (edits or {}).items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, content in (files or {}).items():
        path = root / rel
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return root


def only(diags: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, [d.render() for d in diags]
    return found[0]


def errors(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


def test_fixture_game_is_clean(tmp_path: Path) -> None:
    assert lint([variant(tmp_path)], run_puzzles=False) == []


def test_misspelt_goto_suggests_the_node(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("goto: static", "goto: stattic")})
    d = only(lint([root], run_puzzles=False), "unknown-target")
    assert d.file.endswith("scenes/lab.yaml") and d.line == 23
    assert "did you mean `static`?" in d.message.lower()
    assert errors(lint([root], run_puzzles=False)) == [d], "one typo, one error"


def test_target_in_another_scene_names_its_start_node(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("next: finale:start", "next: finale:begin")})
    d = only(lint([root], run_puzzles=False), "unknown-target")
    assert "finale:start" in d.message and d.line == 34


def test_bare_scene_name_as_target_is_explained(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("next: finale:start", "next: finale")})
    d = only(lint([root], run_puzzles=False), "unknown-target")
    assert "is a scene: write `finale:start`" in d.message


def test_unknown_scene_puzzle_speaker_and_act(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {
            "scenes/lab.yaml": ("id: add_one", "id: add_onne"),
            "scenes/finale.yaml": ("act: one", "act: onne"),
        },
        files={
            "scenes/extra.yaml": (
                "id: extra\ntitle: X\nact: one\nstart: a\nnodes:\n  a:\n    lines:\n"
                "      - profe: hi\n    next: nowhere:a\n"
            )
        },
    )
    diags = lint([root], run_puzzles=False)
    assert "Did you mean `add_one`?" in only(diags, "unknown-puzzle").message
    assert "Did you mean `one`?" in only(diags, "unknown-act").message
    speaker = only(diags, "unknown-speaker")
    assert speaker.file.endswith("extra.yaml") and speaker.line == 8
    assert "there is no scene `nowhere`" in only(diags, "unknown-target").message


def test_solved_requirement_must_name_a_puzzle(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {"scenes/lab.yaml": ("requires: {flags: [looked]}", "requires: {solved: [add_on]}")},
    )
    assert (
        "Did you mean `add_one`?" in only(lint([root], run_puzzles=False), "unknown-puzzle").message
    )


def test_loop_without_ending_is_a_dead_end(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("next: finale:start", "next: hub")})
    diags = lint([root], run_puzzles=False)
    dead = [d for d in diags if d.code == "dead-end"]
    assert {d.line for d in dead} == {11, 16, 25, 31}
    assert only(diags, "unreachable-ending").file.endswith("finale.yaml")


def test_unreachable_node_is_a_warning_and_exit_code_stays_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = variant(
        tmp_path, {"scenes/lab.yaml": ("  gate:\n", "  orphan:\n    next: hub\n  gate:\n")}
    )
    d = only(lint([root], run_puzzles=False), "unreachable")
    assert d.severity == "warning" and d.line == 25 and "lab:orphan" in d.message
    assert cli_lint(argparse.Namespace(paths=[root], json=False, fast=True)) == 0
    assert "warning [unreachable]" in capsys.readouterr().out


def test_unreachable_scene_is_one_warning_not_one_per_node(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        files={
            "scenes/island.yaml": (
                "id: island\ntitle: I\nact: one\nstart: a\nnodes:\n  a: {next: b}\n  b: {next: lab:hub}\n"
            )
        },
    )
    d = only(lint([root], run_puzzles=False), "unreachable")
    assert "scene `island`" in d.message and d.line == 1


def test_every_choice_conditional_may_leave_the_player_stuck(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {
            "scenes/lab.yaml": (
                '      - text: "Solve something"\n        goto: gate\n',
                '      - text: "Solve something"\n        goto: gate\n        requires: {flags: [looked]}\n',
            )
        },
    )
    root_text = (root / "scenes/lab.yaml").read_text()
    (root / "scenes/lab.yaml").write_text(
        root_text.replace(
            "        effects: {set: [looked]}",
            "        requires: {not_flags: [looked]}\n        effects: {set: [looked]}",
        )
    )
    assert only(lint([root], run_puzzles=False), "maybe-stuck").severity == "warning"


def test_flag_tested_but_never_set_suggests_the_real_one(tmp_path: Path) -> None:
    root = variant(
        tmp_path, {"scenes/lab.yaml": ("requires: {flags: [looked]}", "requires: {flags: [lookd]}")}
    )
    d = only(lint([root], run_puzzles=False), "unset-flag")
    assert d.severity == "warning" and "Did you mean `looked`?" in d.message


def test_assets_must_exist_inside_assets(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        {
            "scenes/finale.yaml": (
                "act: one\n",
                "act: one\nbackground: bg/end.png\nmusic: ../../secret.ogg\n",
            )
        },
    )
    diags = [d for d in lint([root], run_puzzles=False) if d.code == "asset"]
    # a missing file is a warning (generic art is drawn); a path outside assets/ an error
    assert [d.severity for d in diags] == ["warning", "error"]
    (root / "assets" / "bg").mkdir(parents=True)
    (root / "assets" / "bg" / "end.png").write_bytes(b"png")
    diags = [d for d in lint([root], run_puzzles=False) if d.code == "asset"]
    assert len(diags) == 1 and "without `..`" in diags[0].message


def test_unknown_builtin_portrait_is_a_warning_with_suggestion(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("portrait: professor", "portrait: profesor")})
    d = only(lint([root], run_puzzles=False), "asset")
    assert d.severity == "warning" and "Did you mean `professor`?" in d.message


def test_missing_story_manifest(tmp_path: Path) -> None:
    root = variant(tmp_path, files={"scenes/_story.yaml": None})
    assert only(lint([root], run_puzzles=False), "missing-story-manifest").line == 1


PUZZLE = "puzzles/add_one/"


@pytest.mark.parametrize(
    ("edit", "code", "file", "line", "words"),
    [
        (
            {PUZZLE + "starter.py": ("def add_one(", "def add_uno(")},
            "missing-entry",
            "starter.py",
            1,
            "`add_one`",
        ),
        (
            {PUZZLE + "reference.py": ("(x: torch.Tensor)", "(y: torch.Tensor)")},
            "signature-mismatch",
            "reference.py",
            4,
            "add_one(y)",
        ),
        (
            {PUZZLE + "puzzle.yaml": ("add_one(x: Tensor)", "add_one(x: Tensor, k: int)")},
            "signature-mismatch",
            "starter.py",
            4,
            "add_one(x, k)",
        ),
        (
            {PUZZLE + "puzzle.yaml": ('"add_one(x: Tensor) -> Tensor"', '"add_one x"')},
            "bad-signature",
            "puzzle.yaml",
            6,
            "def line",
        ),
        (
            {PUZZLE + "puzzle.yaml": ('  - "Do tensors add elementwise?"\n', "")},
            "too-few-hints",
            "puzzle.yaml",
            7,
            "at least 3",
        ),
        (
            {PUZZLE + "reference.py": ("return x + 1", "return x +")},
            "python-syntax",
            "reference.py",
            5,
            "syntax",
        ),
        (
            {PUZZLE + "cases.py": ("def random_case(g", "def random_kase(g")},
            "missing-case-function",
            "cases.py",
            1,
            "random_case",
        ),
        (
            {"scenes/lab.yaml": ("id: add_one", "id: add_one\n      prompt: x")},
            None,
            None,
            None,
            None,
        ),
    ],
)
def test_puzzle_static_checks(tmp_path: Path, edit, code, file, line, words) -> None:
    diags = lint([variant(tmp_path, edit)], run_puzzles=False)
    if code is None:
        assert diags == []
        return
    (d,) = [d for d in diags if d.code == code and d.file.endswith(file)]
    assert d.line == line and words in d.message
    assert all(d.code == code for d in diags), [d.render() for d in diags]


def test_empty_brief_missing_file_and_unused_puzzle(tmp_path: Path) -> None:
    root = variant(
        tmp_path,
        files={
            PUZZLE + "brief.md": "  \n",
            "puzzles/lonely/puzzle.yaml": (FIXTURE / PUZZLE / "puzzle.yaml")
            .read_text()
            .replace("id: add_one", "id: lonely"),
        },
    )
    diags = lint([root], run_puzzles=False)
    assert only(diags, "empty-brief").file.endswith("brief.md")
    assert "`brief.md`" in only(diags, "missing-file").message


def test_json_output_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("goto: static", "goto: stattic")})
    code = cli_lint(argparse.Namespace(paths=[root], json=True, fast=True))
    assert code == 1
    items = json.loads(capsys.readouterr().out)
    assert items and set(items[0]) == {"file", "line", "severity", "code", "message"}
    assert items[0]["line"] == 23


def test_path_that_is_not_content_is_an_error(tmp_path: Path, capsys) -> None:
    assert cli_lint(argparse.Namespace(paths=[tmp_path], json=False, fast=True)) == 1
    assert "not-content" in capsys.readouterr().out


def test_shipped_content_loads_without_crashing() -> None:
    """The real game may be mid-writing; lint must still answer with located diagnostics."""
    root = Path(__file__).resolve().parent.parent
    for d in lint([root], run_puzzles=False):
        assert d.file and d.line


# -- puzzle code, through the runner ---------------------------------------------------------
class FakeRunner:
    """Stands in for the runner: `check_code` passes code containing `x + 1`;
    `case_fingerprints` gives one case, different on each call when `vary_cases`."""

    def __init__(self, vary_cases: bool = False, explode: bool = False) -> None:
        self.calls: list[dict] = []
        self.prints: list[dict] = []
        self.vary_cases, self.explode = vary_cases, explode

    def check_code(
        self,
        puzzle_id: str,
        code: str,
        *,
        device: str = "auto",
        mode: str = "submit",
        roots: list[Path] | None = None,
        seed: int | None = None,
    ):
        from game.runner.protocol import CaseResult, RunResult

        self.calls.append({"puzzle": puzzle_id, "device": device, "roots": roots, "seed": seed})
        if self.explode:
            raise RuntimeError("zygote on fire")
        ok = "x + 1" in code
        case = CaseResult(name="random", status="pass" if ok else "fail", message="values differ")
        return RunResult(
            puzzle=puzzle_id, device=device, verdict="pass" if ok else "fail", cases=[case]
        )

    def case_fingerprints(
        self,
        puzzle_id: str,
        seed: int,
        *,
        roots: list[Path],
        mode: str = "submit",
        disturb: int | None = None,
    ):
        from game.runner.casefp import CaseFingerprint

        self.prints.append({"puzzle": puzzle_id, "seed": seed, "roots": roots, "disturb": disturb})
        digest = str(len(self.prints)) if self.vary_cases else "same"
        return [CaseFingerprint("random_case", "random", digest)]


def lint_with(runner: FakeRunner | None, root: Path) -> list[Diagnostic]:
    from game.content.puzzle_runs import RunnerHooks

    hooks = None if runner is None else RunnerHooks(runner.check_code, runner.case_fingerprints)
    return lint([root], run_puzzles=True, runner=hooks)


def test_runner_checks_pass_on_good_puzzle(tmp_path: Path) -> None:
    runner = FakeRunner()
    root = variant(tmp_path)
    assert lint_with(runner, root) == []
    assert len(runner.calls) == 2  # reference and starter; no player code for determinism
    assert all(c["device"] == "cpu" and c["seed"] is not None for c in runner.calls)
    assert runner.calls[0]["roots"] == [root]
    # cases built twice with the run's seed, the global RNGs seeded differently each time
    assert [p["seed"] for p in runner.prints] == [runner.calls[0]["seed"]] * 2
    assert runner.prints[0]["disturb"] != runner.prints[1]["disturb"]
    assert runner.prints[0]["roots"] == [root]


def test_reference_that_does_not_pass_is_an_error(tmp_path: Path) -> None:
    root = variant(tmp_path, {PUZZLE + "reference.py": ("return x + 1", "return x + 2")})
    d = only(lint_with(FakeRunner(), root), "reference-fails")
    assert d.file.endswith("reference.py") and "values differ" in d.message


def test_starter_that_passes_is_an_error(tmp_path: Path) -> None:
    root = variant(tmp_path, {PUZZLE + "starter.py": ("return x", "return x + 1")})
    assert only(lint_with(FakeRunner(), root), "starter-passes").file.endswith("starter.py")


def test_cases_that_change_for_one_seed_are_an_error(tmp_path: Path) -> None:
    d = only(
        lint_with(FakeRunner(vary_cases=True), variant(tmp_path)),
        "nondeterministic-cases",
    )
    assert d.file.endswith("cases.py") and "`random` from random_case()" in d.message


def test_runner_crash_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    d = only(lint_with(FakeRunner(explode=True), variant(tmp_path)), "runner-error")
    assert "zygote on fire" in d.message


def test_puzzles_with_static_errors_are_not_run(tmp_path: Path) -> None:
    runner = FakeRunner()
    root = variant(tmp_path, {PUZZLE + "starter.py": ("def add_one(", "def add_uno(")})
    lint_with(runner, root)
    assert runner.calls == [] and runner.prints == []


def test_without_a_runner_lint_says_so(tmp_path: Path) -> None:
    assert only(lint_with(None, variant(tmp_path)), "runner-missing").severity == "warning"


@pytest.mark.slow
def test_real_runner_accepts_the_fixture_puzzle(tmp_path: Path) -> None:
    from game.runner.check import runner_hooks

    root = variant(tmp_path)
    assert lint([root], run_puzzles=True, runner=runner_hooks()) == []
    broken = variant(
        tmp_path / "b",
        {
            PUZZLE + "puzzle.yaml": ("hints:", "rules: {forbidden: [torch.add]}\nhints:"),
            PUZZLE + "reference.py": ("return x + 1", "return torch.add(x, 1)"),
            PUZZLE + "starter.py": ("return x", "return x + 1"),
            PUZZLE + "cases.py": ("torch.randn(3, generator=g)", "torch.randn(3)"),
        },
    )
    found = {d.code for d in lint([broken], run_puzzles=True, runner=runner_hooks())}
    assert {"reference-fails", "starter-passes", "nondeterministic-cases"} <= found


def test_a_scene_that_fails_to_load_causes_no_follow_up_errors(tmp_path: Path) -> None:
    root = variant(tmp_path, {"scenes/lab.yaml": ("title:", "titel:")})
    diags = lint([root], run_puzzles=False)
    assert [(d.code, d.line) for d in diags] == [("unknown-key", 2)], [d.render() for d in diags]
