from itertools import pairwise

import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, widths: list[int], n_out: int, culprit: int,
          boost: float = 25.0, n: int = 16, note: str = "") -> Case:
    """A tower whose layer `culprit` has weights `boost` times too large."""
    sd: dict[str, torch.Tensor] = {}
    for i, (fan_in, width) in enumerate(pairwise(widths)):
        gain = boost if i == culprit else 1.0
        sd[f"layers.{i}.0.weight"] = gain * torch.randn(width, fan_in, generator=g) * (2.0 / fan_in) ** 0.5
        sd[f"layers.{i}.0.bias"] = 0.1 * torch.randn(width, generator=g)
    sd["head.weight"] = torch.randn(n_out, widths[-1], generator=g) / widths[-1] ** 0.5
    sd["head.bias"] = torch.zeros(n_out)
    x = torch.randn(n, widths[0], generator=g)
    y = torch.randint(0, n_out, (n,), generator=g)
    return Case(name, args=(sd, x, y), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(101)
    return [
        _case("three layers, the middle one roars", g, [6, 8, 8, 8], 3, 1, note="culprit = 1"),
        _case("five layers", g, [10, 16, 12, 16, 12, 8], 4, 3),
    ]


def random_case(g: torch.Generator) -> Case:
    depth = _randint(g, 2, 8)
    widths = [_randint(g, 3, 33) for _ in range(depth + 1)]
    culprit = _randint(g, 0, depth)
    return _case(f"{depth} layers, a roar somewhere", g, widths, _randint(g, 2, 6), culprit,
                 boost=float(_randint(g, 8, 40)), n=_randint(g, 4, 33))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(102)
    return [
        _case("the roar is in the first layer", g, [5, 8, 8, 8, 8], 3, 0,
              note="Layer 0's input is x: x must be given a gradient to be heard."),
        _case("the roar is in the last layer", g, [5, 8, 8, 8, 8], 3, 3),
        _case("a single layer", g, [4, 6], 2, 0),
        _case("a whisper of a roar (x6)", g, [8, 12, 12, 12, 12, 12], 3, 2, boost=6.0),
        _case("two samples only", g, [3, 5, 5, 5], 2, 1, n=2),
    ]
