import torch

from game.runner.casekit import Case

_DTYPES = (
    torch.float32, torch.float64, torch.float16, torch.bfloat16,
    torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool,
)


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _tensor(g: torch.Generator, rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    if dtype == torch.bool:
        return torch.rand(rows, cols, generator=g) < 0.5
    if dtype.is_floating_point:
        return torch.randn(rows, cols, generator=g).to(dtype)
    return torch.randint(0, 100, (rows, cols), generator=g).to(dtype)


def examples() -> list[Case]:
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return [
        Case("a 2x3 float32 plate, 40 bytes to spare", args=(x, 40), note="The worked example from the brief."),
        Case(
            "a 5x4 int64 slab, roomy budget",
            args=(torch.arange(20).reshape(5, 4), 200),
            note="20 elements: float64 needs 160 bytes, which fits in 200.",
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    rows, cols = _randint(g, 1, 40), _randint(g, 1, 40)
    dtype = _DTYPES[_randint(g, 0, len(_DTYPES))]
    x = _tensor(g, rows, cols, dtype)
    budget = _randint(g, 2 * x.numel(), 10 * x.numel())
    if _randint(g, 0, 3) == 0:  # now and then a budget that fits a copy to the last byte
        budget = x.numel() * (2, 4, 8)[_randint(g, 0, 3)]
    return Case(f"a {rows}x{cols} {str(dtype).removeprefix('torch.')} tensor, budget {budget}", args=(x, budget))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(11)
    return [
        Case("a single row", args=(_tensor(g, 1, 7, torch.float32), 28),
             note="Transposing one row gives a column that is still contiguous."),
        Case("a single column", args=(_tensor(g, 6, 1, torch.float64), 47)),
        Case("one lonely element", args=(_tensor(g, 1, 1, torch.int8), 8)),
        Case("already half precision", args=(_tensor(g, 3, 5, torch.float16), 30),
             note="`.half()` on a float16 tensor hands back the tensor itself."),
        Case("two rows of booleans", args=(_tensor(g, 2, 9, torch.bool), 70)),
        Case("a budget to the last byte", args=(_tensor(g, 4, 4, torch.bfloat16) * 1e4, 64)),
    ]
