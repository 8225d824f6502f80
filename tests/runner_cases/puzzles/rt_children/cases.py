import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("eight", args=(torch.arange(8.0),))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(6, generator=g),))
