import torch

from game.runner.casekit import Case


def _example_train() -> torch.Tensor:
    return torch.tensor([[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]], dtype=torch.uint8)


def _example_test() -> torch.Tensor:
    return torch.tensor(
        [
            [[[2, 1], [4, 3]]],  # the first image, flipped left-right
            [[[7, 8], [5, 6]]],  # the second image, flipped upside-down
            [[[4, 3], [2, 1]]],  # the first image, turned 180 degrees (both flips)
            [[[1, 2], [3, 4]]],  # the first image, exactly
            [[[1, 2], [3, 5]]],  # one pixel away from the first image
        ],
        dtype=torch.uint8,
    )


def examples() -> list[Case]:
    return [
        Case(
            "two tiny training images",
            args=(_example_train(), _example_test()),
            note="The worked example from the brief: only single flips count as leaks.",
        ),
        Case(
            "nothing leaked",
            args=(_example_train(), torch.tensor([[[[9, 9], [9, 9]]]], dtype=torch.uint8)),
        ),
        Case(
            "Hammer's real batch",
            args=_hammers_batch(),
            note="500 training and 100 test images of 3x8x8: the size the memory goal is measured on.",
        ),
    ]


def _hammers_batch() -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(10)
    train = torch.randint(0, 256, (500, 3, 8, 8), generator=g, dtype=torch.uint8)
    return train, _suspects(g, train, 100)


def _suspects(g: torch.Generator, train: torch.Tensor, m: int) -> torch.Tensor:
    """Test images: fresh ones, exact and flipped copies, near misses and 180-degree turns."""
    n = train.shape[0]
    test = torch.randint(0, 256, (m, *train.shape[1:]), generator=g, dtype=torch.uint8)
    test = test.to(train.dtype)
    kinds = torch.randint(0, 6, (m,), generator=g)
    sources = torch.randint(0, n, (m,), generator=g)
    for j in range(m):
        kind, src = int(kinds[j]), train[int(sources[j])]
        if kind == 1:
            test[j] = src
        elif kind == 2:
            test[j] = src.flip(-1)
        elif kind == 3:
            test[j] = src.flip(-2)
        elif kind == 4:
            test[j] = src.flip(-1).flip(-2)
        elif kind == 5:
            test[j] = src
            test[j].view(-1)[0] += 1
    return test


def random_case(g: torch.Generator) -> Case:
    n = int(torch.randint(4, 41, (1,), generator=g))
    m = int(torch.randint(3, 21, (1,), generator=g))
    c = 3 if int(torch.randint(0, 2, (1,), generator=g)) else 1
    h, w = (int(s) for s in torch.randint(2, 9, (2,), generator=g))
    train = torch.randint(0, 256, (n, c, h, w), generator=g, dtype=torch.uint8)
    return Case(f"{n} training and {m} test images of {c}x{h}x{w}", args=(train, _suspects(g, train, m)))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(2012)
    row_train = torch.randint(0, 256, (6, 3, 1, 7), generator=g, dtype=torch.uint8)
    lone = torch.randint(0, 256, (1, 3, 4, 4), generator=g, dtype=torch.uint8)
    floats = torch.randn(10, 1, 5, 5, generator=g)
    zeros = torch.zeros(5, 1, 3, 3, dtype=torch.uint8)
    return [
        Case(
            "images one pixel tall",
            args=(row_train, _suspects(g, row_train, 12)),
            note="Flipping upside-down changes nothing here, and a 180-degree turn is a left-right flip.",
        ),
        Case("one training image, one test image", args=(lone, lone.flip(-2))),
        Case("normalised float images", args=(floats, _suspects(g, floats, 10))),
        Case("a black training image", args=(zeros, torch.zeros(2, 1, 3, 3, dtype=torch.uint8))),
    ]
