"""Fair checking (issue #13): tolerances that follow the inputs' dtype and magnitude, hidden
cases seeded from the puzzle version and the normalised code, the safe-import allowance,
gradient messages that name the argument, the used-parameter and detached-output checks, and the
generated "How it is checked" section under every brief."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.checking_notes import HEADING, checking_section
from game.content.imports import SAFE_IMPORTS, importable
from game.content.library import load_library
from game.content.puzzle_models import Puzzle, Rules
from game.content.rule_visitor import CodeContext
from game.content.static_rules import check_code as check_static
from game.content.tolerance import EPS, ROUNDING_STEPS, widened
from game.runner.bundle import code_seed
from game.runner.check import check_code
from game.runner.compare import compare
from game.runner.gradcheck import check_grads, input_names
from game.runner.policy import Policy, magnitude
from game.runner.transfer import Received
from game.runner.usage import unused_parameters

REPO = Path(__file__).resolve().parent.parent
ROOTS = [Path(__file__).resolve().parent / "runner_cases"]


# -- tolerance by design ------------------------------------------------------------------
def test_widening_follows_the_dtype_and_magnitude() -> None:
    assert widened("float32", (1e-5, 1e-4), 1.0) == (1e-5, 1e-4)  # small numbers: the floor
    atol, _ = widened("float32", (1e-5, 1e-5), 1e4)
    assert atol == pytest.approx(ROUNDING_STEPS * EPS["float32"] * 1e4)  # about 5e-3
    assert widened("int64", (0.0, 0.0), 1e9) == (0.0, 0.0)  # integers stay exact
    assert widened("float64", (1e-8, 1e-6), 1e4)[0] == 1e-8  # float64 rounding is tiny


def _textbook_log_softmax(x: torch.Tensor) -> torch.Tensor:
    m = x.amax(dim=-1, keepdim=True)
    return x - (m + torch.log(torch.sum(torch.exp(x - m), dim=-1, keepdim=True)))


def _shifted_log_softmax(x: torch.Tensor) -> torch.Tensor:
    s = x - x.amax(dim=-1, keepdim=True)
    return s - s.exp().sum(dim=-1, keepdim=True).log()


@settings(max_examples=60, deadline=None)
@given(
    exponent=st.floats(-3.0, 4.5),
    rows=st.integers(1, 8),
    cols=st.integers(1, 24),
    seed=st.integers(0, 2**31 - 1),
    declared=st.sampled_from([None, 1e-5]),
)
def test_correct_formulas_pass_each_other_at_any_magnitude(
    exponent: float, rows: int, cols: int, seed: int, declared: float | None
) -> None:
    """Two stable formulas, and a float64 computation cast back, agree within the tolerance
    the checker derives, even where the declared floor (1e-5) is below float32's rounding."""
    g = torch.Generator().manual_seed(seed)
    x = (10.0**exponent) * torch.randn(rows, cols, generator=g)
    expected = _shifted_log_softmax(x)
    policy = Policy("cpu", atol=declared, rtol=declared, scale=magnitude(x))
    for other in (_textbook_log_softmax(x), _shifted_log_softmax(x.double()).float()):
        bad = compare(expected, Received(other, "cpu"), policy)
        assert bad is None, bad.message


def test_a_real_bug_still_fails_at_large_magnitude() -> None:
    x = 1e4 * torch.randn(4, 5, generator=torch.Generator().manual_seed(0))
    expected = _shifted_log_softmax(x)
    off = expected + 0.5  # half a nat off everywhere: a wrong formula, not rounding
    bad = compare(expected, Received(off, "cpu"), Policy("cpu", scale=magnitude(x)))
    assert bad is not None and bad.failure_class == "values"


def test_a_float32_reference_passes_its_own_puzzle_at_every_magnitude() -> None:
    """rt_loud: default tolerances, gradients compared against the reference's float64 ones,
    inputs from 1e-3 to 1e4; the author's own float32 reference must pass."""
    code = (ROOTS[0] / "puzzles" / "rt_loud" / "reference.py").read_text(encoding="utf-8")
    for seed in (1, 2, 3):
        result = check_code("rt_loud", code, roots=ROOTS, device="cpu", seed=seed)
        bad = [f"{c.name}: {c.message}" for c in result.cases if c.status != "pass"]
        assert result.verdict == "pass", bad


# -- stable verdicts ----------------------------------------------------------------------
CODE = "import torch\n\n\ndef f(x):\n    return x * 2\n"


@settings(max_examples=40, deadline=None)
@given(
    comment=st.text(alphabet="abc xyz#!?", max_size=30),
    version=st.text(alphabet="0123456789abcdef", min_size=1, max_size=8),
)
def test_the_same_text_meets_the_same_cases_and_a_comment_changes_them(
    comment: str, version: str
) -> None:
    assert code_seed("p", version, CODE) == code_seed("p", version, str(CODE))
    noisy = CODE + f"# {comment}\n"  # where a replayed answer table would hide
    assert code_seed("p", version, noisy) != code_seed("p", version, CODE)


@settings(max_examples=40, deadline=None)
@given(factor=st.integers(3, 10_000))
def test_other_code_other_puzzles_and_new_versions_get_other_seeds(factor: int) -> None:
    other = CODE.replace("x * 2", f"x * {factor}")
    seeds = {
        code_seed("p", "v1", CODE),
        code_seed("p", "v1", other),
        code_seed("q", "v1", CODE),
        code_seed("p", "v2", CODE),
    }
    assert len(seeds) == 4
    assert all(0 <= s < 2**62 for s in seeds)


def test_unparsable_code_still_gets_a_stable_seed() -> None:
    assert code_seed("p", "v", "def (") == code_seed("p", "v", "def (")


# -- imports ------------------------------------------------------------------------------
def _refusals(code: str, rules: Rules, has_support: bool = False) -> list[str]:
    context = CodeContext(support_names=frozenset() if has_support else None)
    return [p.message for p in check_static(code + "\ndef f(): pass\n", "f", rules, context)]


def test_safe_imports_are_allowed_by_default() -> None:
    code = (
        "from __future__ import annotations\nfrom typing import Any\nimport re\n"
        "import itertools, functools, operator, collections, math, string, enum, dataclasses"
    )
    assert _refusals(code, Rules()) == []


def test_a_refusal_lists_exactly_what_is_allowed() -> None:
    [message] = _refusals("import os", Rules())
    listed = message.split("(allowed: ")[1].rstrip(")").split(", ")
    assert listed == sorted(SAFE_IMPORTS | {"torch"})
    assert "support" not in listed  # no phantom support module
    [with_support] = _refusals("import os", Rules(), has_support=True)
    assert "support" in with_support
    assert _refusals("import support", Rules()) != []
    assert _refusals("import support", Rules(), has_support=True) == []


def test_a_forbidden_rule_overrides_the_safe_list() -> None:
    rules = Rules(forbidden=["itertools"])
    assert "itertools" not in importable(rules, False)
    assert _refusals("import itertools", rules) != []


def test_safe_imports_work_in_the_sandbox_too() -> None:
    code = (
        "from __future__ import annotations\nimport re\nfrom typing import Any\nimport torch\n\n"
        "def summon(n: int, device: Any):\n    assert re.match('m|c', str(device))\n"
        "    return (torch.arange(n, device=device),\n"
        "            torch.full((2, n), 0.5, dtype=torch.float16, device=device),\n"
        "            torch.eye(n, dtype=torch.float64, device=device))\n"
    )
    result = check_code("summon_tensors", code, roots=[REPO], device="cpu")
    assert result.verdict == "pass", result.message


# -- messages name the thing --------------------------------------------------------------
def test_input_names_follow_parameters_keys_and_indices() -> None:
    def entry(x: object, weights: object, layers: object, n: int) -> object:
        return x

    args = (
        torch.ones(2),
        {"norm2.weight": torch.ones(3), "ids": torch.tensor([1])},
        [torch.ones(1), torch.ones(1)],
        3,
    )
    names = input_names(entry, args, {"extra": torch.ones(1)}, floats=True)
    assert names == ["x", 'weights["norm2.weight"]', "layers[0]", "layers[1]", "extra"]
    every = input_names(entry, args, {}, floats=False)
    assert 'weights["ids"]' in every


def test_a_missing_gradient_names_the_key_and_the_usual_cuts() -> None:
    want = [torch.ones(2), torch.ones(3)]
    have = [Received(torch.ones(2), "cpu"), None]
    bad = check_grads(want, have, ["x", 'weights["norm2.weight"]'], Policy("cpu"))
    assert bad is not None
    assert 'weights["norm2.weight"]' in bad.message
    for cause in ("load_state_dict", ".detach()", "torch.tensor(x)", "copy"):
        assert cause in bad.message
    have = [Received(torch.ones(2), "cpu"), Received(torch.zeros(3), "cpu")]
    off = check_grads(want, have, ["x", "w"], Policy("cpu"))
    assert off is not None and "the gradient of `w`" in off.message


def test_copied_weights_are_explained_end_to_end() -> None:
    """Weights copied into fresh tensors compute the right values but cut the graph."""
    code = (
        "import torch\nimport torch.nn.functional as F\n\n"
        "def mha(x, weights, num_heads, keep, causal):\n"
        "    w = dict(weights)\n"
        "    w['out_proj.weight'] = torch.tensor(weights['out_proj.weight'].tolist())\n"
        "    b, n, e = x.shape\n"
        "    q, k, v = F.linear(x, w['in_proj_weight'], w['in_proj_bias']).chunk(3, -1)\n"
        "    s = lambda t: t.view(b, n, num_heads, e // num_heads).transpose(1, 2)\n"
        "    mask = keep[:, None, None, :]\n"
        "    if causal:\n"
        "        mask = mask & torch.ones(n, n, dtype=torch.bool).tril()\n"
        "    h = F.scaled_dot_product_attention(s(q), s(k), s(v), attn_mask=mask)\n"
        "    h = h.transpose(1, 2).reshape(b, n, e)\n"
        "    return F.linear(h, w['out_proj.weight'], w['out_proj.bias'])\n"
    )
    result = check_code("multi_head_attention", code, roots=[REPO], device="cpu", mode="try")
    failed = [c for c in result.cases if c.status != "pass"]
    assert failed, result.message
    assert 'the gradient of `weights["out_proj.weight"]` is missing' in failed[0].message
    assert "torch.tensor(x)" in failed[0].message


# -- musts that are checked ---------------------------------------------------------------
def test_detached_outputs_refuse_a_graph() -> None:
    value = torch.ones(2)
    attached = Received(value, "cpu", requires_grad=True)
    assert compare(value, attached, Policy("cpu")) is None  # only when the puzzle asks
    bad = compare(value, attached, Policy("cpu", detached=True))
    assert bad is not None and "graph attached" in bad.message
    assert compare(value, Received(value, "cpu"), Policy("cpu", detached=True)) is None


def test_detached_outputs_and_grad_check_exclude_each_other() -> None:
    base = {"id": "p", "title": "t", "chapter": "c", "topic": "t", "entry": "f"}
    with pytest.raises(ValueError, match="exclude"):
        Puzzle(**base, signature="f()", hints=["h"], grad_check=True, detached_outputs=True)


# -- how it is checked --------------------------------------------------------------------
def test_every_shipped_brief_ends_with_how_it_is_checked() -> None:
    library = load_library([REPO])
    assert library.puzzles
    for pid, entry in library.puzzles.items():
        brief = entry.brief
        assert brief.count(HEADING) == 1, pid
        section = brief.split(HEADING)[1]
        model = entry.model
        assert f"{model.hidden_cases} hidden random cases" in section, pid
        assert ("Gradients**: every" in section) == model.grad_check, pid
        for name in importable(model.rules, entry.has_support):
            assert f"`{name}`" in section, (pid, name)
        for name in model.rules.forbidden:
            assert f"`{name}`" in section, (pid, name)
        if model.rules.max_lines:
            assert f"At most {model.rules.max_lines} lines" in section, pid
        if model.limits.peak_tensor_bytes:
            assert f"{model.limits.peak_tensor_bytes:,} bytes" in section, pid


def test_the_section_quotes_the_declared_tolerance_and_the_rounding_floor() -> None:
    base = {"id": "p", "title": "t", "chapter": "c", "topic": "t", "entry": "f"}
    model = Puzzle(**base, signature="f()", hints=["h"], tolerance={"atol": 0.001, "rtol": 0.0})
    text = checking_section(model, has_support=False)
    assert "atol = 0.001" in text and "rtol = 0" in text
    step = ROUNDING_STEPS * EPS["float32"]
    assert f"about {step * 1e4:.1g}" in text and math.isclose(step * 1e4, 0.005, rel_tol=0.1)
    assert "`support`" not in text
    assert "`support`" in checking_section(model, has_support=True)


def test_a_named_parameter_must_be_read() -> None:
    sig = "summon(n: int, device: str) -> tuple[Tensor, Tensor, Tensor]"
    ignores = "def summon(n, where):\n    return n\n"
    [problem] = unused_parameters(ignores, "summon", sig, ["device"])
    assert problem.kind == "rule" and "`where`" in problem.message and problem.line == 1
    uses = "def summon(n, where):\n    make = lambda: where\n    return make()\n"
    assert unused_parameters(uses, "summon", sig, ["device"]) == []
    assert unused_parameters("def summon(*a):\n    pass\n", "summon", sig, ["device"]) == []
    assert unused_parameters(ignores, "summon", sig, []) == []


def test_the_terminal_shows_the_section_under_the_brief() -> None:
    from game.ui.driver import Driver
    from tests.test_ui_slice import new_game, walk

    with Driver(runner=False) as d:
        new_game(d)
        walk(d, lambda t: t.startswith("screen: terminal"))
        source = d.screen.brief.source(0)  # type: ignore[attr-defined]
        assert source.index("## Your task") < source.index(HEADING) < source.index("## Hints")


_VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.sampled_from([0.0, -0.0, 1e-30, -1e30, float("inf"), float("-inf"), float("nan")]),
)


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(_VALUES, min_size=1, max_size=6),
    noise=st.lists(
        st.sampled_from([0.0, 0.0, 1e-9, -1e-3, 1.0, float("nan")]), min_size=6, max_size=6
    ),
    dtype=st.sampled_from([torch.float32, torch.float64, torch.int64, torch.complex64]),
    same=st.booleans(),
)
def test_the_equal_values_shortcut_never_changes_a_verdict(
    values: list[float], noise: list[float], dtype: torch.dtype, same: bool
) -> None:
    """`compare_values` answers equal tensors at once; whatever it answers, the full
    measurement (`values_mismatch`) must agree on pass or fail."""
    from game.runner.tensor_values import compare_values, values_mismatch

    base = torch.tensor(values, dtype=torch.float64)
    if dtype == torch.int64:
        base = torch.nan_to_num(base, nan=0.0, posinf=7.0, neginf=-7.0).clamp(-1e9, 1e9)
    expected = base.to(dtype)
    got = expected.clone() if same else (base + torch.tensor(noise[: len(values)])).to(dtype)
    policy = Policy("cpu")
    fast = compare_values(expected, got, policy, "out")
    full = values_mismatch(expected, got, policy, "out")
    assert (fast is None) == (full is None), (expected, got, full)
