"""The runner's pure parts: value transfer, comparison, previews and static rules."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.puzzle_models import Rules
from game.content.static_rules import check_code, count_code_lines
from game.runner import transfer
from game.runner.casekit import DEVICE
from game.runner.compare import compare
from game.runner.policy import Policy
from game.runner.preview import NODES, preview
from game.runner.protocol import ValuePreview

DTYPES = [
    torch.float32,
    torch.float64,
    torch.float16,
    torch.bfloat16,
    torch.int64,
    torch.int8,
    torch.uint8,
    torch.bool,
    torch.complex64,
]


@st.composite
def tensors(draw: st.DrawFn) -> torch.Tensor:
    shape = draw(st.lists(st.integers(0, 4), max_size=3))
    dtype = draw(st.sampled_from(DTYPES))
    base = torch.randn(shape, generator=torch.Generator().manual_seed(draw(st.integers(0, 99))))
    t = (base * 10).to(dtype)
    return t.t() if t.dim() == 2 else t  # non-contiguous too


values = st.recursive(
    st.one_of(
        tensors(),
        st.integers(-(2**62), 2**62),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.text(max_size=5),
        st.just(DEVICE),
        st.sampled_from([torch.float16, torch.int32]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
    ),
    max_leaves=8,
)


def same(a: object, b: object) -> bool:
    if isinstance(a, torch.Tensor):
        return (
            isinstance(b, torch.Tensor)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool(
                torch.equal(
                    torch.view_as_real(a) if a.is_complex() else a,
                    torch.view_as_real(b) if b.is_complex() else b,
                )
            )
        )
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, (list, tuple)):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(same(x, y) for x, y in zip(a, b, strict=True))
        )  # type: ignore[arg-type]
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=60, deadline=None)
@given(values)
def test_transfer_round_trip(tmp_path_factory: pytest.TempPathFactory, value: object) -> None:
    path = Path(tmp_path_factory.mktemp("t")) / "x.safetensors"
    enc = transfer.Encoder()
    node = enc.encode(value)
    transfer.save(path, enc.tensors)
    assert same(value, transfer.decode(node, transfer.load(path)))


def test_transfer_describes_what_it_will_not_carry() -> None:
    enc = transfer.Encoder(strict=False)
    node = enc.encode(
        [
            object(),
            torch.empty(2, device="meta"),
            torch.zeros(3).as_subclass(type("T", (torch.Tensor,), {})),
        ]
    )
    got = transfer.decode(node, enc.tensors, received=True)
    assert isinstance(got[0], transfer.Opaque) and isinstance(got[1], transfer.MetaTensor)
    assert isinstance(got[2], transfer.Opaque) and "subclass" in got[2].text
    with pytest.raises(transfer.EncodeError):
        transfer.Encoder(strict=True).encode(object())


def received(t: torch.Tensor, device: str = "cpu") -> transfer.Received:
    return transfer.Received(t, device)


CPU = Policy(device="cpu")


@pytest.mark.parametrize(
    "got,fclass,words",
    [
        (received(torch.zeros(2, 1)), "shape", "expected shape [2], got [2, 1]"),
        (
            received(torch.zeros(2, dtype=torch.float64)),
            "dtype",
            "expected dtype float32, got float64",
        ),
        (received(torch.zeros(2), "cuda:0"), "device", "expected it on cpu, got it on cuda:0"),
        (received(torch.tensor([0.0, 1.0])), "values", "the first at [1]"),
        (received(torch.tensor([0.0, float("nan")])), "nan", "NaN"),
        ([0.0, 0.0], "type", "torch.stack"),
        (transfer.Opaque("numpy.ndarray", "array([0., 0.])"), "type", "from_numpy"),
        (0.0, "type", "not a Python number"),
    ],
)
def test_compare_explains(got: object, fclass: str, words: str) -> None:
    bad = compare(torch.zeros(2), got, CPU)
    assert bad is not None and bad.failure_class == fclass and words in bad.message


def test_compare_accepts_within_tolerance_and_matching_specials() -> None:
    want = torch.tensor([1.0, float("inf"), float("nan"), -float("inf")])
    assert compare(want, received(want + torch.tensor([1e-6, 0, 0, 0])), CPU) is None
    assert compare(
        want, received(torch.tensor([1.0, -float("inf"), float("nan"), -float("inf")])), CPU
    )
    assert compare((torch.ones(1), {"k": 2}), [received(torch.ones(1)), {"k": 2}], CPU) is None
    assert compare(2, 2.0, CPU) is not None and compare(2.0, 2, CPU) is None
    loose = Policy(device="cpu", check_dtype=False)
    assert compare(torch.ones(2), received(torch.ones(2, dtype=torch.float64)), loose) is None


def test_preview_small_and_large() -> None:
    small = preview(torch.tensor([[1.0, float("nan")]]))
    assert small.tensor and small.tensor.values == [[1.0, "nan"]] and small.tensor.nan_count == 1
    big = preview(torch.arange(100 * 70.0).reshape(100, 70))
    assert big.tensor and big.tensor.values is None and big.tensor.heatmap is not None
    assert len(big.tensor.heatmap) == 32 and len(big.tensor.heatmap[0]) == 32
    assert big.tensor.min == 0 and big.tensor.max == 6999
    assert preview((1, DEVICE), "cuda").items[1].text == "'cuda'"  # type: ignore[index]


def test_a_preview_describes_a_bounded_number_of_values() -> None:
    """A value 16 wide and 4 deep (69,905 values, every leaf one big tensor) previews its first
    values only; the text of each container still names its full length."""
    value: object = torch.zeros(1000)
    for _ in range(4):
        value = (value,) * 16
    shown = preview(value)

    def count(p: ValuePreview) -> int:
        return 1 + sum(count(item) for item in p.items or [])

    assert count(shown) <= NODES and shown.text == "tuple of 16"
    assert shown.items and len(shown.items) == 16  # the outer levels whole, the deep ones cut
    assert all(item.items and len(item.items) == NODES // 16 - 2 for item in shown.items)
    assert all(item.text == "tuple of 16" for item in shown.items)
    mapping = preview({str(k): (torch.ones(2),) * 16 for k in range(16)})
    assert mapping.keys and mapping.items and len(mapping.keys) == len(mapping.items)


RULES = Rules(
    forbidden=["torch.nn.functional.gelu", "torch.einsum"], forbid_loops=True, max_lines=4
)


@pytest.mark.parametrize(
    "code,line",
    [
        ("import torch.nn.functional as F\ndef f(x):\n    return F.gelu(x)\n", 3),
        ("from torch.nn import functional\ndef f(x):\n    return functional.gelu(x)\n", 3),
        ("from torch.nn.functional import gelu\ndef f(x):\n    return x\n", 1),
        ("import torch\ndef f(x):\n    return torch.einsum('i->i', x)\n", 3),
        ("import torch\ndef f(x):\n    while x:\n        pass\n", 3),
        ("import torch\ndef f(x):\n    return sum(v for v in x)\n", 3),
        ("import numpy\ndef f(x):\n    return x\n", 1),
        ("def f(x):\n    return exec('1')\n", 2),
    ],
)
def test_static_rules(code: str, line: int) -> None:
    problems = check_code(code, "f", RULES)
    assert problems and problems[0].kind == "rule" and problems[0].line == line


def test_static_rules_allow_clean_code_and_count_lines() -> None:
    code = "import torch\n\n# a comment\ndef f(x):\n    '''doc'''\n    return torch.relu(x)\n"
    assert check_code(code, "f", RULES) == []
    assert count_code_lines(code) == 4
    assert check_code("def g():\n    pass\n", "f", Rules())[0].kind == "missing_function"
    assert check_code("def f(:\n", "f", Rules())[0].kind == "syntax"
