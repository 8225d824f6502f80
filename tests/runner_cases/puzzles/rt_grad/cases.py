import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("two rows", args=(torch.ones(2, 3), torch.tensor([1.0, 2.0, 3.0])))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(3, 4, generator=g), torch.randn(4, generator=g)))
