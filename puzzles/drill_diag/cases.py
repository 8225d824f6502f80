import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("two by two", args=(torch.tensor([[1.0, 2.0], [3.0, 4.0]]),)),
        Case("three by three", args=(torch.arange(9.0).reshape(3, 3),)),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 14, (1,), generator=g))
    return Case(f"{n} by {n}", args=(torch.randn(n, n, generator=g),))


def edge_cases() -> list[Case]:
    return [
        Case("one by one", args=(torch.tensor([[5.0]]),)),
        Case("integers", args=(torch.arange(16).reshape(4, 4),)),
        Case("empty", args=(torch.zeros(0, 0),)),
    ]
