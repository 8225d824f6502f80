import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("ones", args=(torch.ones(3), torch.ones(3)))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(3, generator=g), torch.randn(3, generator=g)))
