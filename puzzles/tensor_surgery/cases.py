import torch

from game.runner.casekit import Case


def _catalogue(rows: int, cols: int, dtype: torch.dtype = torch.int64) -> torch.Tensor:
    return torch.arange(rows * cols, dtype=dtype).reshape(rows, cols)


def examples() -> list[Case]:
    return [
        Case("three shelves of four", args=(_catalogue(3, 4),), note="The worked example from the brief."),
        Case(
            "two shelves of six, in floats",
            args=(_catalogue(2, 6, torch.float32) / 2,),
            note="Only one row after the first, so `odd` has a single row.",
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    rows = int(torch.randint(2, 9, (1,), generator=g))
    cols = 2 * int(torch.randint(1, 7, (1,), generator=g))
    if int(torch.randint(0, 2, (1,), generator=g)):
        stacks = torch.randn(rows, cols, generator=g)
    else:
        stacks = torch.randint(-99, 100, (rows, cols), generator=g)
    return Case(f"{rows} shelves of {cols}", args=(stacks,))


def edge_cases() -> list[Case]:
    return [
        Case(
            "a single shelf",
            args=(_catalogue(1, 4),),
            note="No rows after the first: `odd` is empty, with shape [0, 2].",
        ),
        Case("two books per shelf", args=(_catalogue(5, 2),)),
        Case("ancient tomes of huge numbers", args=(_catalogue(3, 8, torch.float32) * 1e30,)),
        Case("a shelf of booleans", args=(_catalogue(4, 6) % 3 == 0,)),
    ]
