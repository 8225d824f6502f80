import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("loose", args=(torch.ones(2, 3), torch.tensor([1.0, 2.0, 3.0])))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(3, 4, generator=g), torch.randn(4, generator=g)))


def edge_cases() -> list[Case]:
    return [Case("tight", args=(torch.ones(1, 3), torch.tensor([1.0, -1.0, 0.5])), atol=1e-6, rtol=0.0)]
