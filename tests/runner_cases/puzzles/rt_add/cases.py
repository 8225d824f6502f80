import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [Case("ones", args=(torch.ones(3), torch.arange(3.0)))]


def random_case(g: torch.Generator) -> Case:
    n = int(torch.randint(1, 20, (1,), generator=g))
    return Case(f"n = {n}", args=(torch.randn(n, generator=g), torch.randn(n, generator=g)))


def edge_cases() -> list[Case]:
    return [Case("one element", args=(torch.tensor([1e30]), torch.tensor([-1e30])))]
