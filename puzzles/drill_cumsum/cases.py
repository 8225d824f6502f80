import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("the brief's example", args=(torch.tensor([3, 1, 4, 1, 5]),)),
        Case("ups and downs", args=(torch.tensor([2, -2, 7, -7]),)),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 20, (1,), generator=g))
    return Case(f"{n} numbers", args=(torch.randint(-9, 10, (n,), generator=g),))


def edge_cases() -> list[Case]:
    return [
        Case("one number", args=(torch.tensor([42]),)),
        Case("empty", args=(torch.zeros(0, dtype=torch.int64),)),
        Case("a long ledger", args=(torch.arange(100),)),
    ]
