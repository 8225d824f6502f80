import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("three", args=(torch.arange(3.0),))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(5, generator=g),))
