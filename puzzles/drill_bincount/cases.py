import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("the brief's census", args=(torch.tensor([0, 2, 2, 1, 0, 2]), 4)),
        Case("everyone the same", args=(torch.tensor([1, 1, 1]), 2)),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    if size:
        length, n = size, size
    else:
        length, n = (int(s) for s in torch.randint(1, 30, (2,), generator=g))
    a = torch.randint(0, n, (length,), generator=g)
    return Case(f"{length} creatures, {n} badges", args=(a, n))


def edge_cases() -> list[Case]:
    return [
        Case("nobody came", args=(torch.zeros(0, dtype=torch.int64), 3)),
        Case("one badge only", args=(torch.zeros(5, dtype=torch.int64), 1)),
        Case("a crowd", args=(torch.arange(1000) % 7, 7)),
    ]
