import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("three", args=(3,)), Case("one", args=(1,))]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 20, (1,), generator=g))
    return Case(f"n={n}", args=(n,))


def edge_cases() -> list[Case]:
    return [Case("zero", args=(0,)), Case("fifty", args=(50,))]
