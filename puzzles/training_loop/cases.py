import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _uniform(g: torch.Generator, low: float, high: float) -> float:
    return low + (high - low) * float(torch.rand((), generator=g))


def _case(name: str, g: torch.Generator, steps: int, batch: int, d_in: int, d_out: int,
          base_lr: float, warmup: int, max_norm: float, scale: float = 1.0, note: str = "") -> Case:
    weights = {
        "weight": torch.randn(d_out, d_in, generator=g) / d_in**0.5,
        "bias": 0.1 * torch.randn(d_out, generator=g),
    }
    truth = 2 * torch.randn(d_in, d_out, generator=g)
    xs = scale * torch.randn(steps, batch, d_in, generator=g)
    ys = xs @ truth + 0.1 * torch.randn(steps, batch, d_out, generator=g)
    return Case(name, args=(weights, xs, ys, base_lr, warmup, max_norm), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(31)
    return [
        _case("six steps, warmup of two", g, 6, 4, 3, 2, 0.1, 2, 0.5,
              note="The brief's schedule: rates 0, 0.05, 0.1, 0.085, 0.05, 0.015."),
        _case("twelve steps of a wider layer", g, 12, 8, 6, 3, 0.05, 3, 1.0),
    ]


def random_case(g: torch.Generator) -> Case:
    steps = _randint(g, 3, 21)
    warmup = _randint(g, 0, steps // 2 + 1)
    return _case(
        f"{steps} steps, warmup {warmup}", g, steps, _randint(g, 2, 17), _randint(g, 1, 9),
        _randint(g, 1, 5), _uniform(g, 0.01, 0.1), warmup, _uniform(g, 0.2, 3.0),
    )


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(32)
    return [
        _case("no warmup at all", g, 8, 4, 3, 2, 0.05, 0, 1.0, note="Step 0 already runs at the full rate."),
        _case("a tight leash (max_norm 0.01)", g, 10, 6, 4, 2, 0.5, 2, 0.01),
        _case("a leash that never pulls", g, 10, 6, 4, 2, 0.02, 3, 1.0e6, note="Clipping changes nothing here."),
        _case("loud inputs (x30)", g, 12, 8, 5, 3, 0.05, 4, 1.0, scale=30.0),
        _case("one output, one input", g, 5, 3, 1, 1, 0.1, 1, 0.5),
    ]
