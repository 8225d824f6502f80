import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("four guests", args=(torch.tensor([1, 2, 3, 4]),)),
        Case("decimals", args=(torch.tensor([0.5, -1.5, 2.5]),)),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 24, (1,), generator=g))
    return Case(f"{n} guests", args=(torch.randint(-50, 50, (n,), generator=g),))


def edge_cases() -> list[Case]:
    return [
        Case("a lonely guest", args=(torch.tensor([7]),)),
        Case("two guests swap", args=(torch.tensor([1.0, 2.0]),)),
        Case("a banquet", args=(torch.arange(500),)),
    ]
