import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("a 64x64 plate", args=(torch.ones(64, 64),))]


def random_case(g: torch.Generator) -> Case:
    return Case("random", args=(torch.randn(64, 64, generator=g),))
