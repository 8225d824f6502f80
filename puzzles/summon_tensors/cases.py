import torch

from game.runner.casekit import DEVICE, Case


def examples() -> list[Case]:
    return [
        Case("n = 3", args=(3, DEVICE), note="The worked example from the brief."),
        Case("n = 5", args=(5, DEVICE)),
    ]


def random_case(g: torch.Generator) -> Case:
    n = int(torch.randint(2, 40, (1,), generator=g))
    return Case(f"n = {n}", args=(n, DEVICE))


def edge_cases() -> list[Case]:
    return [Case("n = 1, a lonely tensor", args=(1, DEVICE))]
