import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("three by three", args=(3,)), Case("a single cell", args=(1,))]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 16, (1,), generator=g))
    return Case(f"n={n}", args=(n,))


def edge_cases() -> list[Case]:
    return [Case("nothing at all", args=(0,)), Case("a big one", args=(40,))]
