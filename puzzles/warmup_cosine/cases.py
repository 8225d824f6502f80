import torch

from game.runner.casekit import Case


def examples() -> list[Case]:
    return [
        Case(
            "warmup 4, total 12",
            args=(torch.arange(14), 1.0, 4, 12, 0.1),
            note="The worked example from the brief.",
        ),
        Case(
            "steps in any order and shape",
            args=(torch.tensor([[30, 0], [7, 10]]), 0.5, 10, 20, 0.0),
            note="Step 10 is the peak; step 30 is long past the end, so it rests at the floor.",
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    warmup = int(torch.randint(0, 50, (1,), generator=g))
    total = warmup + int(torch.randint(1, 500, (1,), generator=g))
    base_lr = round(float(torch.rand((), generator=g)) * 0.99 + 0.01, 4)
    floor = round(base_lr * float(torch.rand((), generator=g)) * 0.5, 5)
    count = int(torch.randint(1, 200, (1,), generator=g))
    steps = torch.randint(0, total + 50, (count,), generator=g)
    return Case(
        f"{count} steps, warmup {warmup}, total {total}, base {base_lr}, floor {floor}",
        args=(steps, base_lr, warmup, total, floor),
    )


def edge_cases() -> list[Case]:
    return [
        Case("no warmup at all", args=(torch.arange(0, 12, 3), 0.3, 0, 9, 0.03)),
        Case(
            "the warmup boundary",
            args=(torch.tensor([98, 99, 100, 101]), 0.8, 100, 1000, 0.0),
            note="Step 99 is the last warmup step; step 100 is the peak.",
        ),
        Case("a one-step decay", args=(torch.arange(8), 0.2, 5, 6, 0.05)),
        Case("a flat line (floor = base)", args=(torch.arange(0, 40, 7), 0.25, 3, 30, 0.25)),
        Case("a single 0-dim step", args=(torch.tensor(1234567), 0.1, 1000, 100000, 0.001)),
        Case("no steps at all", args=(torch.zeros(0, dtype=torch.int64), 0.1, 10, 100, 0.0)),
    ]
