import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case("the brief's example", args=(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([10.0, 20.0]))),
        Case("negatives", args=(torch.tensor([-1.0, 0.5]), torch.tensor([2.0, -4.0, 1.0]))),
    ]


def random_case(g: torch.Generator, size: int | None = None) -> Case:
    n, m = (size, size) if size else (int(s) for s in torch.randint(1, 12, (2,), generator=g))
    a = torch.randint(-9, 10, (n,), generator=g).float()
    b = torch.randint(-9, 10, (m,), generator=g).float()
    return Case(f"n={n}, m={m}", args=(a, b))


def edge_cases() -> list[Case]:
    return [
        Case("one by one", args=(torch.tensor([7.0]), torch.tensor([-3.0]))),
        Case("a long row", args=(torch.tensor([2.0]), torch.arange(40.0))),
        Case("empty b", args=(torch.tensor([1.0, 2.0]), torch.zeros(0))),
    ]
