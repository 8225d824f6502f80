"""The static half of the puzzle rules (`game.content.static_rules`): allow-lists that tell operators
from methods, loops in disguise and recursion named on the player's line, the shape of the
entry function, and the toolbox modules (`support` exposes only what it defines, `tools` only
what the player has earned). Pure AST work: no runner, no torch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.puzzle_models import Rules
from game.content.rule_visitor import CodeContext
from game.content.static_rules import check_code

DRILL = Rules(
    allow=["arithmetic", "comparison", "indexing", "shape", "torch.arange", "torch.where"],
    forbidden=["torch.Tensor.triu"],
    forbid_loops=True,
    forbid_recursion=True,
    max_statements=1,
    max_line_width=60,
)


def messages(code: str, rules: Rules = DRILL, context: CodeContext | None = None) -> list[str]:
    return [p.message for p in check_code(code, "f", rules, context)]


def test_operators_pass_where_their_methods_are_refused() -> None:
    assert messages("import torch\ndef f(a, b):\n    return a[:, None] * b\n") == []
    said = messages("import torch\ndef f(a, b):\n    return a[:, None].mul(b)\n")
    assert said == [
        "line 3: `.mul()` is not allowed here, but the operator `*` is: write it that way"
    ]


def test_functions_off_the_list_are_refused_by_name() -> None:
    said = messages("import torch\ndef f(a):\n    return torch.cumsum(a, 0)\n")
    assert len(said) == 1 and "`torch.cumsum` is not among the operations" in said[0]
    assert messages("import torch\ndef f(n):\n    return torch.arange(n, dtype=torch.long)\n") == []


def test_an_aliased_module_is_still_torch() -> None:
    said = messages("import torch as T\ndef f(a):\n    return T.cumsum(a, 0)\n")
    assert "`torch.cumsum`" in said[0]


@pytest.mark.parametrize(
    "expr,construct",
    [
        ("sum(a)", "`sum()`"),
        ("list(map(abs, a))", "`map()`"),
        ("[x for x in a]", "list comprehension"),
        ("a[list(range(3))]", "`range()`"),
        ("max(a)", "`max()`"),
    ],
)
def test_loops_in_disguise_are_named_on_their_line(expr: str, construct: str) -> None:
    said = messages(f"import torch\ndef f(a):\n    return {expr}\n")
    assert any(m.startswith("line 3:") and construct in m for m in said), said


def test_max_of_two_values_is_no_loop() -> None:
    assert messages("def f(a, b):\n    return max(a, b)\n") == []


def test_functools_reduce_is_a_loop_in_disguise() -> None:
    rules = Rules(forbid_loops=True, allowed_imports=["torch", "functools"])
    said = messages("import functools\ndef f(a):\n    return functools.reduce(max, a)\n", rules)
    assert any("loop in disguise" in m for m in said)


def test_recursion_direct_and_mutual() -> None:
    rules = Rules(forbid_recursion=True)
    direct = messages("def f(n):\n    return 0 if n == 0 else f(n - 1)\n", rules)
    assert direct == [
        "line 2: `f` calls itself (recursion: a loop in disguise), and this puzzle forbids "
        "recursion"
    ]
    mutual = "def f(n):\n    return g(n)\n\ndef g(n):\n    return f(n - 1) if n else 0\n"
    assert {m.split("`")[1] for m in messages(mutual, rules)} == {"f", "g"}
    assert messages("def g(n):\n    return n\n\ndef f(n):\n    return g(n)\n", rules) == []


def test_statements_are_counted_in_the_entry_function_only() -> None:
    rules = Rules(max_statements=1)
    code = 'import torch\nimport math\n\n\ndef f(a):\n    """Docs do not count."""\n    return a\n'
    assert messages(code, rules) == []
    two = messages("def f(a):\n    b = a\n    return b\n", rules)
    assert two == [
        "line 1: `f` has 2 statements in its body; this puzzle wants a single statement "
        "(one `return` line)"
    ]


def test_line_width_is_measured_on_the_entry_function() -> None:
    rules = Rules(max_line_width=40)
    long_import = "from torch.nn.functional import relu, gelu, silu, softplus, tanh\n"
    assert messages(long_import + "def f(a):\n    return a\n", rules) == []
    said = messages("def f(a):\n    return a" + " + a" * 12 + "\n", rules)
    assert said == ["line 2: 60 characters wide; this puzzle allows lines of at most 40 in `f`"]


def test_support_exposes_only_what_it_defines_and_its_names_are_not_tensor_methods() -> None:
    context = CodeContext(support_names=frozenset({"triu"}))
    assert (
        messages("import support\ndef f(n):\n    return support.triu(n)\n", context=context) == []
    )
    said = messages(
        "import support\ndef f(n):\n    return support.torch.ones(n)\n", context=context
    )
    assert said == ["line 3: `support` has no `torch` (it offers `triu`)"]
    assert "forbidden" in messages("def f(a):\n    return a.triu()\n", context=context)[0]


def test_tools_must_be_earned() -> None:
    context = CodeContext(tools={"triu": None, "eye": "solve 'Drill 5' first"})
    assert (
        messages("from tools import triu\ndef f(n):\n    return triu(n)\n", context=context) == []
    )
    assert messages("from tools import eye\ndef f(n):\n    return eye(n)\n", context=context) == [
        "line 1: solve 'Drill 5' first"
    ]
    said = messages("import tools\ndef f(n):\n    return tools.nope(n)\n", context=context)
    assert said == ["line 3: there is no tool `nope` here (the toolbox holds `eye`, `triu`)"]


def test_attributes_of_non_tensors_are_left_alone_when_the_tensor_members_are_known() -> None:
    context = CodeContext(tensor_members=frozenset({"mul", "shape"}))
    assert messages('def f(a):\n    return " ".join(a)\n', Rules(allow=[]), context) == []
    assert messages("def f(a):\n    return a.mul(2)\n", Rules(allow=[]), context) != []


@settings(deadline=None)
@given(st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "@", "<", "==", "&", "|"]))
def test_operators_are_never_refused_statically(op: str) -> None:
    """Operators are judged at run time, where it is known whether they act on tensors."""
    assert messages(f"def f(a, b):\n    return a {op} b\n", Rules(allow=[])) == []


def test_support_names_are_what_the_module_defines() -> None:
    from game.content.toolbox import defined_names

    source = "import torch\nfrom math import pi\nSCALE = 2\n_private = 1\n\ndef triu(n):\n    ...\n"
    assert defined_names(source) == ["SCALE", "triu"]
    assert defined_names(source + "__all__ = ['triu']\n") == ["triu"]


def test_a_forbidden_builtin_is_refused_where_it_is_called() -> None:
    rules = Rules(forbidden=["builtins.map"])
    assert messages("def f(a):\n    return list(map(abs, a))\n", rules) == [
        "line 2: Python's `map()` is forbidden in this puzzle"
    ]
