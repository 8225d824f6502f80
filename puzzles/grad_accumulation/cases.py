import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _problem(g: torch.Generator, n: int, d: int, k: int, scale: float = 1.0,
             dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, ...]:
    w = torch.randn(d, k, generator=g) / d**0.5
    b = 0.1 * torch.randn(k, generator=g)
    x = scale * torch.randn(n, d, generator=g)
    y = scale * torch.randn(n, k, generator=g)
    return tuple(t.to(dtype) for t in (w, b, x, y))


def examples() -> list[Case]:
    brief = (torch.tensor([[2.0]]), torch.tensor([0.0]), torch.tensor([[1.0], [2.0], [3.0]]),
             torch.tensor([[1.0], [1.0], [1.0]]))
    g = torch.Generator().manual_seed(5)
    return [
        Case("three samples, micro-batches of two", args=(*brief, 2),
             note="The worked example from the brief: micro-batches of 2 and then 1."),
        Case("ten samples, micro-batches of four", args=(*_problem(g, 10, 3, 2), 4),
             note="4 + 4 + 2: the last micro-batch is short."),
    ]


def random_case(g: torch.Generator) -> Case:
    # Big enough that the whole batch blows the memory budget, which one micro-batch never does.
    micro = _randint(g, 8, 33)
    n = _randint(g, 1024, 2049)
    n += n % micro == 0  # a short last micro-batch
    d, k = _randint(g, 1, 9), _randint(g, 1, 5)
    return Case(f"{n} samples in micro-batches of {micro}", args=(*_problem(g, n, d, k), micro))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(12)
    return [
        Case("micro-batches of one", args=(*_problem(g, 7, 3, 2), 1)),
        Case("one micro-batch holds everything", args=(*_problem(g, 6, 4, 3), 50)),
        Case("a single sample, a single output", args=(*_problem(g, 1, 2, 1), 4)),
        Case("equal micro-batches", args=(*_problem(g, 12, 5, 2), 3),
             note="Even when all micro-batches are equal, their losses must still be scaled."),
        Case("loud data in double precision", args=(*_problem(g, 23, 6, 4, scale=100.0, dtype=torch.float64), 5)),
    ]
