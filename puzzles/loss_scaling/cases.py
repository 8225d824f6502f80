import torch

from game.runner.casekit import Case

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, loudness: float, steps: int, lr: float, dtype: torch.dtype,
          init_scale: float, growth_interval: int, features: int = 5, batch: int = 16,
          note: str = "") -> Case:
    w0 = torch.randn(features, generator=g)
    truth = torch.randn(features, generator=g)
    xs = loudness * torch.randn(steps, batch, features, generator=g)
    ys = xs @ truth
    return Case(name, args=(w0, xs, ys, lr, dtype, init_scale, growth_interval), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(71)
    return [
        _case("ordinary gradients, float16", g, 1.0, 8, 0.05, F16, 65536.0, 3,
              note="The first steps overflow when scaled and are skipped."),
        _case("whispering gradients, float16", g, 1e-4, 8, 1e4, F16, 65536.0, 3,
              note="Without scaling these gradients are mostly lost in float16."),
        _case("the same, in bfloat16", g, 1e-4, 8, 1e4, BF16, 65536.0, 3, note="No scaler: every scale is 1.0."),
    ]


def random_case(g: torch.Generator) -> Case:
    kind = _randint(g, 0, 4)
    steps = _randint(g, 3, 13)
    interval = _randint(g, 1, 5)
    dtype = (F16, F16, BF16, F32)[_randint(g, 0, 4)]
    loudness, lr = [(1.0, 0.05), (1e-4, 1e4), (1e-2, 100.0), (30.0, 1e-5)][kind]
    scale = 2.0 ** _randint(g, 4, 17)
    return _case(f"{dtype} x{loudness:g}, {steps} steps", g, loudness, steps, lr, dtype, scale, interval)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(72)
    return [
        _case("roaring gradients: inf without a scaler", g, 300.0, 10, 1e-7, F16, 16.0, 3,
              note="Unscaled float16 gradients overflow to inf; the scale must fall below 1."),
        _case("float32: no scaler needed", g, 1.0, 6, 0.05, F32, 1024.0, 2),
        _case("one step only", g, 1.0, 1, 0.1, F16, 8.0, 1),
        _case("growth every step", g, 1e-3, 10, 500.0, F16, 2.0, 1, note="growth_interval 1: the scale doubles after every clean step."),
    ]
