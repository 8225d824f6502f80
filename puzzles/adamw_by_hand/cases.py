import torch

from game.runner.casekit import Case

F64 = torch.float64


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _uniform(g: torch.Generator, low: float, high: float) -> float:
    return low + (high - low) * float(torch.rand((), generator=g))


def _case(name: str, g: torch.Generator, shape: tuple[int, ...], steps: int, lr: float,
          betas: tuple[float, float], eps: float, wd: float, grad_scale: float = 1.0,
          note: str = "") -> Case:
    param = torch.randn(shape, generator=g, dtype=F64)
    # A drifting gradient: a steady direction plus noise, like a real loss surface.
    drift = torch.randn(shape, generator=g, dtype=F64)
    grads = grad_scale * (drift + 0.5 * torch.randn((steps, *shape), generator=g, dtype=F64))
    return Case(name, args=(param, grads, lr, betas, eps, wd), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(41)
    brief = Case(
        "the napkin example",
        args=(torch.tensor([1.0], dtype=F64), torch.tensor([[0.5], [0.5]], dtype=F64), 0.1,
              (0.9, 0.999), 1e-8, 0.1),
        note="From the brief: 0.89, then 0.7811.",
    )
    return [brief, _case("a 3 x 4 weight, ten steps", g, (3, 4), 10, 1e-2, (0.9, 0.999), 1e-8, 0.01)]


def random_case(g: torch.Generator) -> Case:
    shape = tuple(_randint(g, 1, 6) for _ in range(_randint(g, 1, 3)))
    steps = _randint(g, 1, 25)
    lr = 10 ** _uniform(g, -4, -1)
    betas = (_uniform(g, 0.8, 0.95), _uniform(g, 0.95, 0.9999))
    wd = _uniform(g, 0.0, 0.2)
    return _case(f"{list(shape)} for {steps} steps", g, shape, steps, lr, betas, 1e-8, wd)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(42)
    return [
        _case("whispering gradients (1e-9)", g, (6,), 8, 1e-2, (0.9, 0.999), 1e-8, 0.1, grad_scale=1e-9,
              note="Gradients as small as eps: where eps goes now matters."),
        _case("no weight decay", g, (4,), 6, 1e-2, (0.9, 0.999), 1e-8, 0.0),
        _case("a single step", g, (2, 3), 1, 1e-3, (0.9, 0.999), 1e-8, 0.05),
        _case("strong decay, large steps", g, (5,), 12, 0.3, (0.9, 0.99), 1e-6, 0.5),
        Case("silence: all gradients zero",
             args=(torch.tensor([2.0, -3.0], dtype=F64), torch.zeros(5, 2, dtype=F64), 0.1, (0.9, 0.999), 1e-8, 0.1),
             note="Only the decay moves the weights."),
        _case("loud gradients (x1000)", g, (3, 3), 10, 1e-2, (0.9, 0.999), 1e-8, 0.01, grad_scale=1000.0),
    ]
