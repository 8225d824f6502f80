import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _state_dict(g: torch.Generator, d_in: int, width: int, depth: int, d_out: int) -> dict:
    sd: dict[str, torch.Tensor] = {
        "gain": 1 + 0.3 * torch.randn(d_in, generator=g),
        "centre": torch.randn(d_in, generator=g),
    }
    fan_in = d_in
    for i in range(depth):
        sd[f"blocks.{i}.weight"] = torch.randn(width, fan_in, generator=g) / fan_in**0.5
        sd[f"blocks.{i}.bias"] = 0.1 * torch.randn(width, generator=g)
        fan_in = width
    sd["head.weight"] = torch.randn(d_out, fan_in, generator=g) / fan_in**0.5
    sd["head.bias"] = 0.1 * torch.randn(d_out, generator=g)
    return sd


def _case(name: str, g: torch.Generator, n: int, d_in: int, width: int, depth: int, d_out: int,
          note: str = "") -> Case:
    sd = _state_dict(g, d_in, width, depth, d_out)
    x = sd["centre"] + torch.randn(n, d_in, generator=g)
    return Case(name, args=(sd, x), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(51)
    brief = {
        "gain": torch.tensor([2.0, 1.0]), "centre": torch.tensor([1.0, 1.0]),
        "blocks.0.weight": torch.tensor([[1.0, 1.0]]), "blocks.0.bias": torch.tensor([0.0]),
        "head.weight": torch.tensor([[3.0]]), "head.bias": torch.tensor([1.0]),
    }
    return [
        Case("the brief's forge", args=(brief, torch.tensor([[1.5, 1.0]])), note="out 3.2848, n_params 7."),
        _case("three blocks of width 8", g, 5, 4, 8, 3, 2),
    ]


def random_case(g: torch.Generator) -> Case:
    depth = _randint(g, 1, 6)
    return _case(f"{depth} blocks", g, _randint(g, 1, 17), _randint(g, 1, 9), _randint(g, 1, 17), depth,
                 _randint(g, 1, 5))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(52)
    return [
        _case("no blocks at all", g, 4, 3, 5, 0, 2, note="depth 0: the head reads the centred inputs directly."),
        _case("a single input", g, 1, 6, 4, 2, 3),
        _case("one feature, one output", g, 7, 1, 3, 1, 1),
        _case("a deep, narrow forge", g, 3, 5, 2, 8, 1),
    ]
