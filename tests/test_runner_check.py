"""`check_code` and `torchenstein check`: the command-line contract, modes, seeds, metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.runner.check import UnknownPuzzleError, check_code
from game.runner.devices import available_devices

REPO = Path(__file__).resolve().parent.parent
SUMMON = REPO / "puzzles" / "summon_tensors"
ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
BASE = [REPO]  # the base game as a content root


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["check", "summon_tensors", str(SUMMON / "reference.py"), "--json", "--device", "cpu"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert {"puzzle", "device", "verdict", "cases", "metrics", "duration_ms"} <= set(doc)
    assert doc["verdict"] == "pass" and doc["device"] == "cpu"
    assert all({"name", "status", "message"} <= set(c) for c in doc["cases"])
    assert doc["metrics"]["ops"] == 3 and doc["reference_metrics"]["ops"] == 3


def test_cli_starter_fails_with_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "summon_tensors", str(SUMMON / "starter.py")]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "expected dtype int64, got float32" in out


@pytest.mark.parametrize(
    "argv,words",
    [
        (["check", "no_such_puzzle", str(SUMMON / "reference.py")], "no puzzle `no_such_puzzle`"),
        (["check", "summon_tensors", "/nonexistent/solution.py"], "no such file"),
    ],
)
def test_cli_usage_errors_exit_2(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert words in capsys.readouterr().err


@pytest.mark.skipif("cuda" in available_devices(), reason="this machine has CUDA")
def test_cli_missing_cuda_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "summon_tensors", str(SUMMON / "reference.py"), "--device", "cuda"]) == 2
    assert "CUDA was asked for but this machine has no CUDA device" in capsys.readouterr().err


def test_try_mode_runs_only_the_visible_examples() -> None:
    result = check_code(
        "summon_tensors", (SUMMON / "reference.py").read_text(), mode="try", roots=BASE
    )
    assert result.verdict == "pass" and {c.kind for c in result.cases} == {"example"}
    full = check_code("summon_tensors", (SUMMON / "reference.py").read_text(), roots=BASE)
    assert {c.kind for c in full.cases} == {"example", "hidden", "edge"}


def test_seed_fixes_the_hidden_cases_and_the_code_picks_them_otherwise() -> None:
    code = (SUMMON / "reference.py").read_text()
    names = [
        [c.name for c in check_code("summon_tensors", code, seed=s, roots=BASE).cases]
        for s in (7, 7)
    ]
    assert names[0] == names[1]

    def drawn(source: str) -> tuple[str, ...]:
        return tuple(c.name for c in check_code("summon_tensors", source, roots=BASE).cases)

    same = drawn(code)
    assert drawn(code) == same  # a verdict cannot flip between runs
    assert drawn(code + "\nUNUSED = 1\n") != same  # other code meets other cases
    # every character counts: a comment could carry answers an earlier submit revealed
    assert drawn("# my notes\n" + code) != same


def test_unknown_puzzle_raises() -> None:
    with pytest.raises(UnknownPuzzleError):
        check_code("no_such_puzzle", "", roots=BASE)


def test_results_carry_previews_trace_and_metrics() -> None:
    result = check_code(
        "rt_add",
        "import torch\n\ndef add(a, b):\n    return (a + b)[:, None]\n",
        roots=ROOTS,
        device="cpu",
    )
    case = result.cases[0]
    assert (
        case.failure_class == "shape"
        and case.message == "your answer: expected shape [3], got [3, 1]."
    )
    assert case.inputs and case.inputs[0].tensor and case.inputs[0].tensor.values == [1.0, 1.0, 1.0]
    assert case.expected and case.got and case.got.tensor and case.got.tensor.shape == [3, 1]
    assert (
        case.trace
        and case.trace[0].line == 4
        and case.trace[0].inputs == ["float32[3]", "float32[3]"]
    )
    m = result.metrics
    assert m.code_lines == 3 and m.ops is not None and m.ops >= 2 and m.time_ms is not None
    assert result.reference_metrics is not None and result.reference_metrics.ops == 1


def test_value_mismatch_reports_where() -> None:
    result = check_code(
        "rt_add",
        "import torch\n\ndef add(a, b):\n    c = a + b\n    c[1] += 0.5\n    return c\n",
        roots=ROOTS,
        device="cpu",
        mode="try",
    )
    case = result.cases[0]
    assert case.failure_class == "values" and case.mismatch_index == [1]
    assert case.max_abs_diff == pytest.approx(0.5)


def test_edited_puzzle_files_are_picked_up(tmp_path: Path) -> None:
    import os
    import shutil

    root = tmp_path / "content"
    shutil.copytree(ROOTS[0] / "puzzles" / "rt_add", root / "puzzles" / "rt_add")
    good = "def add(a, b):\n    return a + b\n"
    first = check_code("rt_add", good, roots=[root], device="cpu")
    assert first.verdict == "pass" and len(first.cases) == 5
    yaml_path = root / "puzzles" / "rt_add" / "puzzle.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("hidden_cases: 3", "hidden_cases: 1"))
    ref = root / "puzzles" / "rt_add" / "reference.py"
    ref.write_text("def add(a, b):\n    return a - b\n")
    for path in (yaml_path, ref):  # make sure the change shows even on coarse clocks
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    second = check_code("rt_add", good, roots=[root], device="cpu")
    assert len(second.cases) == 3 and second.verdict == "fail"


def test_support_module_is_importable_by_player_and_reference() -> None:
    ok = check_code(
        "rt_support",
        "import support\n\ndef run(x):\n    return support.Doubler()(x)\n",
        roots=ROOTS,
        device="cpu",
    )
    assert ok.verdict == "pass", ok.message
    wrong = check_code(
        "rt_support", "import support\n\ndef run(x):\n    return x\n", roots=ROOTS, device="cpu"
    )
    assert wrong.verdict == "fail"


def test_warnings_point_at_the_players_line() -> None:
    result = check_code(
        "rt_add",
        "import torch\n\ndef add(a, b):\n    return (a + b).T\n",
        roots=ROOTS,
        device="cpu",
        mode="try",
    )
    assert result.verdict == "pass"
    assert "line 4: UserWarning" in result.stdout


def _nudged_grad(offset: float) -> str:
    """Values exactly right, the gradient of x off by `offset` (the extra term is zero in value)."""
    return f"def score(x, w):\n    return (x * w).sum(-1) + ((x - x.detach()) * {offset}).sum(-1)\n"


def test_gradients_use_the_puzzle_and_case_tolerance() -> None:
    loose = check_code("rt_gradtol", _nudged_grad(1e-3), roots=ROOTS, device="cpu", mode="try")
    assert loose.verdict == "pass", loose.model_dump_json(indent=1)[:2000]  # puzzle atol 1e-2
    full = check_code("rt_gradtol", _nudged_grad(1e-3), roots=ROOTS, device="cpu", seed=3)
    failed = [c for c in full.cases if c.status != "pass"]
    assert [c.name for c in failed] == ["tight"]  # the case's atol 1e-6 wins over the puzzle's
    assert "gradient of `x`" in failed[0].message
    far = check_code("rt_gradtol", _nudged_grad(0.1), roots=ROOTS, device="cpu", mode="try")
    assert far.verdict == "fail" and "gradient of `x`" in far.cases[0].message


# -- case fingerprints (lint's "cases are deterministic for a seed") --------------------------
def _puzzle_copy(tmp_path: Path, cases_old: str = "", cases_new: str = "") -> Path:
    """rt_add copied into a fresh root, with one edit to its cases.py and a reference that
    raises: fingerprints must never call it."""
    import shutil

    root = tmp_path / "content"
    folder = root / "puzzles" / "rt_add"
    shutil.copytree(ROOTS[0] / "puzzles" / "rt_add", folder)
    cases = folder / "cases.py"
    text = cases.read_text()
    assert cases_old in text
    cases.write_text(text.replace(cases_old, cases_new, 1))
    (folder / "reference.py").write_text(
        "def add(a, b):\n    raise RuntimeError('ran the reference')\n"
    )
    return root


def test_fingerprints_are_stable_for_a_seed_and_run_no_code_but_the_cases(tmp_path: Path) -> None:
    import random

    import torch

    from game.runner.engine import case_fingerprints

    root = _puzzle_copy(tmp_path)
    torch.manual_seed(5)
    random.seed(5)
    before = (torch.rand(1), random.random())
    torch.manual_seed(5)
    random.seed(5)
    first = case_fingerprints("rt_add", 11, roots=[root], disturb=1)
    second = case_fingerprints("rt_add", 11, roots=[root], disturb=2)
    assert (torch.rand(1), random.random()) == before, "the global RNGs are left as they were"
    assert first == second
    assert [f.source for f in first] == ["examples"] + ["random_case"] * 3 + ["edge_cases"]
    other = case_fingerprints("rt_add", 12, roots=[root], disturb=1)
    assert [f.digest for f in other][1:4] != [f.digest for f in first][1:4]
    assert other[0] == first[0] and other[-1] == first[-1], "fixed cases do not depend on the seed"
    tries = case_fingerprints("rt_add", 11, roots=[root], mode="try")
    assert tries == first[:1]


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "torch.randn(n, generator=g), torch.randn(n, generator=g)",
            "torch.rand(n), torch.randn(n, generator=g)",
        ),
        ("int(torch.randint(1, 20, (1,), generator=g))", "__import__('random').randint(1, 19)"),
        ("torch.tensor([1e30])", "torch.rand(1)"),
    ],
)
def test_fingerprints_catch_the_global_rng(tmp_path: Path, old: str, new: str) -> None:
    from game.runner.engine import case_fingerprints

    root = _puzzle_copy(tmp_path, old, new)
    prints = [case_fingerprints("rt_add", 11, roots=[root], disturb=d) for d in (1, 2)]
    assert prints[0] != prints[1]


def test_fingerprints_share_the_puzzle_code_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.runner.engine import PuzzleTimeout, case_fingerprints

    # A slow (not endless) random_case, so the abandoned helper thread soon ends by itself.
    root = _puzzle_copy(tmp_path, "    n = int(", "    __import__('time').sleep(2)\n    n = int(")
    monkeypatch.setenv("TORCHENSTEIN_REFERENCE_TIMEOUT_S", "0.2")
    with pytest.raises(PuzzleTimeout, match=r"`rt_add` took longer than 0\.2 s"):
        case_fingerprints("rt_add", 1, roots=[root])


def test_shipped_puzzles_build_the_same_cases_for_a_seed() -> None:
    from game.content.library import load_library
    from game.runner.engine import case_fingerprints

    roots = [REPO]
    for pid in sorted(load_library(roots).puzzles):
        prints = [case_fingerprints(pid, 20240611, roots=roots, disturb=d) for d in (1, 2)]
        assert prints[0] == prints[1], pid
