import torch

from game.runner.casekit import Case

ROWS = 256  # B * Lq in every big case: the full score matrix then takes 3 MiB or more of float32


def _qkv(g: torch.Generator, b: int, lq: int, lk: int, d: int, dv: int, scale: float = 1.0,
         dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    q = torch.randn(b, lq, d, generator=g, dtype=dtype) * scale
    k = torch.randn(b, lk, d, generator=g, dtype=dtype) * scale
    v = torch.randn(b, lk, dv, generator=g, dtype=dtype)
    return q, k, v


def examples() -> list[Case]:
    q = torch.tensor([[[2.0, 0.0], [0.0, 2.0]]])
    kv = torch.tensor([[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]])
    return [
        Case("two queries, three keys", args=(q, kv, kv.clone()), note="The worked example from the brief."),
        Case(
            "the investor demo",
            args=_qkv(torch.Generator().manual_seed(2017), 2, 128, 4096, 32, 16),
            note="B=2, Lq=128, Lk=4096, d=32, dv=16: the full score matrix alone would take 4 MiB.",
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    b = [1, 2, 4][int(torch.randint(0, 3, (1,), generator=g))]
    lk = int(torch.randint(3000, 4501, (1,), generator=g))
    d, dv = ([16, 32, 64][int(i)] for i in torch.randint(0, 3, (2,), generator=g))
    return Case(f"B={b}, Lq={ROWS // b}, Lk={lk}, d={d}, dv={dv}", args=_qkv(g, b, ROWS // b, lk, d, dv))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(1998)
    return [
        Case("a single query against 5000 keys", args=_qkv(g, 1, 1, 5000, 32, 8)),
        Case("a single key", args=_qkv(g, 3, 7, 1, 16, 16)),
        Case(
            "scores in the thousands",
            args=_qkv(g, 2, 8, 700, 16, 8, scale=30.0),
            note="exp() of a raw score overflows to inf here: subtract the running maximum.",
        ),
        Case("double precision", args=_qkv(g, 2, 5, 300, 8, 4, dtype=torch.float64)),
    ]
