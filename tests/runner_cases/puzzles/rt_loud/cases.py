# rt_loud (runner test puzzle: float32 inputs from 1e-3 to 1e4, default tolerances, gradients on)
import torch

from game.runner.casekit import Case


def _case(name: str, g: torch.Generator, scale: float) -> Case:
    x = scale * torch.randn(5, 7, generator=g)
    w = scale * torch.randn(7, 6, generator=g)
    return Case(name, args=(x, w))


def examples() -> list[Case]:
    return [_case("calm", torch.Generator().manual_seed(1), 1.0)]


def random_case(g: torch.Generator) -> Case:
    scale = 10.0 ** float(torch.empty(()).uniform_(-3.0, 4.0, generator=g))
    return _case(f"inputs around {scale:.3g}", g, scale)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(2)
    return [_case("inputs around 1e4", g, 1e4), _case("inputs around 1e-3", g, 1e-3)]
