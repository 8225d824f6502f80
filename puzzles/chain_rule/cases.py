import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case(
            "three weights",
            args=(torch.tensor([1.0, 2.0, -3.0]), torch.tensor([0.5, -1.0, 0.0]), 0.1),
            note="The worked example from the brief.",
        ),
        Case(
            "one weight, big step",
            args=(torch.tensor([0.7]), torch.tensor([1.5]), 2.0),
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    ndim = int(torch.randint(1, 3, (1,), generator=g))
    shape = tuple(int(n) for n in torch.randint(1, 9, (ndim,), generator=g))
    x = torch.randn(shape, generator=g) * 2
    w = torch.randn(shape, generator=g)
    lr = round(float(torch.rand((), generator=g)) * 0.5 + 0.01, 3)
    return Case(f"x and w of shape {list(shape)}, lr = {lr}", args=(x, w, lr))


def edge_cases() -> list[Case]:
    return [
        Case(
            "saturated tanh",
            args=(torch.tensor([50.0, -80.0, 0.01]), torch.tensor([3.0, 2.0, -0.5]), 0.5),
            note="Where tanh is flat the gradient all but vanishes.",
        ),
        Case(
            "double precision",
            args=(
                torch.linspace(-2, 2, 7, dtype=torch.float64),
                torch.linspace(1, -1, 7, dtype=torch.float64),
                0.05,
            ),
        ),
        Case("zero learning rate", args=(torch.ones(2, 3), torch.full((2, 3), -0.25), 0.0)),
    ]
