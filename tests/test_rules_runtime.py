"""The run-time half of the puzzle rules (`tracing.CallTracer` with `callsite`): each torch call
the player's own line makes is judged by how it was reached, so `a * b` passes where `.mul()`
is refused, Python's `sum()` over a tensor is named as such (never as torch's internal
`Tensor.dim`), and loops, recursion and roundabout calls are caught while the code runs.
In-process with the tracer (fast), then through the real runner for what only it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from game.content.puzzle_models import Rules
from game.runner.callsite import SourceMap
from game.runner.check import check_code
from game.runner.names import resolve_forbidden
from game.runner.tracing import (
    PLAYER_FILE,
    CallTracer,
    RuleViolation,
    runtime_rules,
)

REPO = Path(__file__).resolve().parent.parent
ALLOW = ["arithmetic", "matmul", "comparison", "indexing", "shape", "torch.arange"]


def run(code: str, rules: Rules, *args: Any) -> tuple[Any, str | None]:
    """Call the player's `f(*args)` under the tracer: (result, the violation's message)."""
    namespace: dict[str, Any] = {}
    exec(compile(code, PLAYER_FILE, "exec"), namespace)
    tracer = CallTracer(
        resolve_forbidden(rules.forbidden),
        rules=runtime_rules(rules.model_dump(), code),
        source=SourceMap(code),
    )
    try:
        with tracer:
            return namespace["f"](*args), None
    except RuleViolation:
        assert tracer.violation is not None
        return None, f"line {tracer.violation.line}: {tracer.violation.text()}"


A = torch.arange(4.0)


def test_operators_run_while_the_same_methods_are_refused() -> None:
    rules = Rules(allow=ALLOW)
    out, why = run("def f(a):\n    return a[:, None] * a + (a @ a) * (a < 2)\n", rules, A)
    assert why is None and out.shape == (4, 4)
    _, why = run("def f(a):\n    return getattr(a, 'mul')(a)\n", rules, A)
    assert why == "line 2: `.mul()` is not allowed here, but the operator `*` is: write it that way"


def test_unary_minus_reflected_operators_and_shape_access() -> None:
    rules = Rules(allow=ALLOW)
    code = "def f(a):\n    return (len(a) - 1 - torch.arange(a.shape[0]), -a, 2 ** a)\n"
    out, why = run("import torch\n" + code, rules, A)
    assert why is None and out[0].tolist() == [3, 2, 1, 0]


def test_an_operator_outside_the_groups_is_refused_where_it_is_written() -> None:
    _, why = run("def f(a):\n    return a @ a\n", Rules(allow=["arithmetic"]), A)
    assert why is not None and why.startswith("line 2: `@` on tensors is not allowed")


def test_python_sum_over_a_tensor_is_named_as_python_sum() -> None:
    # The forbid-list names a method torch's own iteration calls inside: not the player's doing.
    _, why = run("def f(a):\n    return sum(a)\n", Rules(forbidden=["torch.Tensor.dim"]), A)
    assert why is None
    _, why = run("def f(a):\n    return sum(a)\n", Rules(allow=ALLOW), A)
    assert why is not None and "`sum()`" in why and "dim" not in why


def test_a_forbidden_method_leaves_its_operator_alone() -> None:
    rules = Rules(forbidden=["torch.Tensor.mul", "torch.mul"])
    out, why = run("def f(a):\n    return a * a + sum([a, a])\n", rules, A)
    assert why is None and out.tolist() == [0.0, 3.0, 8.0, 15.0]
    _, why = run("def f(a):\n    return a.mul(a)\n", rules, A)
    assert why == "line 2: `torch.Tensor.mul` is forbidden in this puzzle"


def test_a_forbidden_function_reached_through_torch_code_is_still_refused() -> None:
    rules = Rules(forbidden=["torch.nn.functional.linear"])
    code = "import torch\ndef f(a):\n    return torch.nn.Linear(4, 2)(a)\n"
    _, why = run(code, rules, A)
    assert why == "line 3: `torch.nn.functional.linear` is forbidden in this puzzle"


def test_loops_hidden_from_the_static_check_are_caught_while_running() -> None:
    rules = Rules(forbid_loops=True)
    _, why = run("def f(a):\n    s = sum\n    return s(a)\n", rules, A)
    assert why is not None and why.startswith("line 3:") and "loop in disguise" in why
    _, why = run("def f(a):\n    x, *rest = a\n    return x\n", rules, A)
    assert why is not None and "unpacking or looping over a tensor" in why


def test_recursion_is_caught_at_its_torch_call() -> None:
    code = "def f(a):\n    return a if len(a) == 1 else f(a[1:]) + 0\n"
    out, why = run(code, Rules(), A)
    assert why is None and out.tolist() == [3.0]
    _, why = run(code, Rules(forbid_recursion=True), A)
    assert why is not None and "`f` calls itself" in why


def test_no_allow_list_means_no_run_time_watching() -> None:
    assert runtime_rules(Rules().model_dump(), "") is None


def test_the_runner_reports_a_run_time_violation_once() -> None:
    code = "import torch\n\n\ndef roll(a):\n    return getattr(a, 'roll')(-1)\n"
    result = check_code("drill_roll", code, device="cpu", roots=[REPO], seed=1)
    assert result.verdict == "rule_violation"
    refused = [c for c in result.cases if c.failure_class == "rule"]
    assert len(refused) == 1 and "`torch.Tensor.roll` is forbidden" in refused[0].message
    assert all(c.status == "skipped" for c in result.cases if c is not refused[0])
    assert [g.failure_class for g in result.groups] == ["rule"]


def test_support_shows_only_what_it_defines(tmp_path: Path) -> None:
    """A mod's shared support module: `support.triu` works although torch.Tensor.triu is
    forbidden, and `support.torch` is not there."""
    import shutil

    root = tmp_path / "mod"
    shutil.copytree(REPO / "puzzles" / "drill_triu", root / "puzzles" / "mod_triu")
    shared = root / "puzzles" / "_shared"
    shared.mkdir()
    (shared / "helpers.py").write_text(
        "import torch\n\n\ndef triu(n):\n"
        "    return torch.triu(torch.ones(n, n, dtype=torch.long))\n"
    )
    yaml_path = root / "puzzles" / "mod_triu" / "puzzle.yaml"
    text = yaml_path.read_text().replace("id: drill_triu", "id: mod_triu")
    yaml_path.write_text(text + "support: _shared/helpers.py\n")
    roots = [REPO, root]
    ok = "import support\n\n\ndef triu(n):\n    return support.triu(n)\n"
    result = check_code("mod_triu", ok, device="cpu", roots=roots, seed=2)
    assert result.verdict == "pass", result.message
    leak = "import support\n\n\ndef triu(n):\n    return getattr(support, 'torch').ones(n)\n"
    result = check_code("mod_triu", leak, device="cpu", roots=roots, seed=2)
    assert result.verdict == "error" and "has no attribute 'torch'" in result.cases[0].message


@pytest.mark.parametrize("puzzle", ["drill_outer", "drill_triu"])
def test_the_drills_refuse_a_python_loop_that_slips_past_no_static_rule(puzzle: str) -> None:
    code = {
        "drill_outer": "def outer(a, b):\n    return a[:, None] * b[None, :] + 0 * (*a,)[0]\n",
        "drill_triu": "import torch\n\n\ndef triu(n):\n    return torch.where(torch.arange(n)[:, None] <= torch.arange(n), 1, 0) + 0 * len([*torch.arange(n)])\n",
    }[puzzle]
    result = check_code(puzzle, code, device="cpu", roots=[REPO], seed=3, mode="try")
    assert result.verdict == "rule_violation", result.message
