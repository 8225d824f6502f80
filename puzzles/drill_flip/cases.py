import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("one two three", args=(torch.tensor([1, 2, 3]),)),
        Case("a palindrome", args=(torch.tensor([4.0, 2.0, 4.0]),)),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n = size or int(torch.randint(2, 24, (1,), generator=g))
    return Case(f"{n} values", args=(torch.randn(n, generator=g),))


def edge_cases() -> list[Case]:
    return [
        Case("one value", args=(torch.tensor([9]),)),
        Case("nothing to reflect", args=(torch.zeros(0),)),
        Case("a long corridor", args=(torch.arange(300),)),
    ]
