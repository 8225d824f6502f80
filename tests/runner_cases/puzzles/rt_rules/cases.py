import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("five values", args=(torch.linspace(-2, 2, 5),))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(4, 3, generator=g),))
