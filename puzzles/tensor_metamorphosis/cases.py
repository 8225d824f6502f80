import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, b: int, h: int, w: int, c: int, note: str = "") -> Case:
    scan = torch.randn(b, 1, h, w, c, generator=g)
    tint = torch.randn(c, generator=g)
    return Case(name, args=(scan, tint), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(11)
    return [
        Case(
            "the brief's scan",
            args=(torch.arange(12.0).reshape(2, 1, 1, 2, 3), torch.tensor([1.0, 0.0, -1.0])),
            note="H is 1 here: `pages` keeps it.",
        ),
        _case("three pages of 4 x 5, in colour", g, 3, 4, 5, 3),
    ]


def random_case(g: torch.Generator) -> Case:
    b, h, w, c = (_randint(g, 1, 6) for _ in range(4))
    return _case(f"{b} pages of {h} x {w}, {c} channels", g, b, h, w, c)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(12)
    return [
        _case("a single page", g, 1, 3, 4, 3, note="B = 1: that dim is not the stray one."),
        _case("greyscale: one channel", g, 2, 3, 4, 1, note="With C = 1 the permuted tensor is still contiguous."),
        _case("one pixel per page", g, 4, 1, 1, 3),
        _case("everything is one", g, 1, 1, 1, 1),
        _case("a tall thin scan", g, 2, 9, 1, 2),
    ]
