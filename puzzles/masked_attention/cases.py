import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _keep(g: torch.Generator, b: int, lk: int, share: float = 0.3) -> torch.Tensor:
    keep = torch.rand(b, lk, generator=g) >= share
    keep[:, 0] = True  # every query can see at least the first key, so no row is all masked
    return keep


def _case(name: str, g: torch.Generator, b: int, h: int, lq: int, lk: int, d: int, dv: int,
          causal: bool, scale: float = 1.0, dtype: torch.dtype = torch.float32,
          share: float = 0.3, note: str = "") -> Case:
    q = scale * torch.randn(b, h, lq, d, generator=g)
    k = scale * torch.randn(b, h, lk, d, generator=g)
    v = torch.randn(b, h, lk, dv, generator=g)
    keep = _keep(g, b, lk, share)
    return Case(name, args=(q.to(dtype), k.to(dtype), v.to(dtype), keep, causal), note=note)


def examples() -> list[Case]:
    zeros = torch.zeros(1, 1, 3, 1)
    v = torch.tensor([1.0, 2.0, 4.0]).reshape(1, 1, 3, 1)
    keep = torch.tensor([[True, True, False]])
    g = torch.Generator().manual_seed(21)
    return [
        Case("the brief's blank stares", args=(zeros, zeros.clone(), v, keep, True),
             note="The worked example from the brief: equal scores, so each query averages what it may see."),
        _case("two sentences, two heads, causal", g, 2, 2, 4, 4, 3, 3, True),
        _case("cross-attention, no causality", g, 1, 2, 2, 5, 4, 2, False),
    ]


def random_case(g: torch.Generator) -> Case:
    b, h, d, dv = _randint(g, 1, 4), _randint(g, 1, 5), _randint(g, 1, 17), _randint(g, 1, 17)
    causal = bool(_randint(g, 0, 2))
    lk = _randint(g, 1, 13)
    lq = lk if causal else _randint(g, 1, 13)
    return _case(f"B={b} H={h} Lq={lq} Lk={lk}, {'causal' if causal else 'not causal'}",
                 g, b, h, lq, lk, d, dv, causal)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(34)
    return [
        _case("a single query decoding", g, 2, 3, 1, 6, 4, 4, False),
        _case("a single key", g, 3, 1, 1, 1, 2, 5, True),
        _case("heads of size one", g, 2, 4, 5, 5, 1, 1, True),
        _case("sharp attention (scores in the hundreds)", g, 2, 2, 6, 6, 8, 3, True, scale=6.0),
        _case("mostly padding", g, 3, 2, 7, 7, 4, 4, False, share=0.8),
        _case("double precision", g, 1, 2, 5, 5, 6, 6, True, dtype=torch.float64),
    ]
