import torch

from game.runner.casekit import Case


def _example_x() -> torch.Tensor:
    return torch.tensor([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]])


def examples() -> list[Case]:
    ones, zeros = torch.ones(2), torch.zeros(2)
    return [
        Case(
            "training on four samples",
            args=(_example_x(), zeros, ones, ones, zeros, True, 0.1, 1e-5),
            note="The worked example from the brief.",
        ),
        Case(
            "the same samples in eval mode",
            args=(_example_x(), torch.tensor([2.0, 20.0]), torch.tensor([4.0, 100.0]),
                  torch.tensor([1.0, 0.5]), torch.tensor([0.0, 1.0]), False, 0.1, 1e-5),
            note="Eval mode uses the running statistics and leaves them unchanged.",
        ),
    ]


def _layer(g: torch.Generator, shape: tuple[int, ...], offset: float, scale: float, dtype=torch.float32):
    c = shape[1]
    x = torch.randn(shape, generator=g, dtype=dtype) * scale + offset
    running_mean = torch.randn(c, generator=g, dtype=dtype)
    running_var = torch.rand(c, generator=g, dtype=dtype) * 2 + 0.1
    weight = torch.randn(c, generator=g, dtype=dtype)
    bias = torch.randn(c, generator=g, dtype=dtype)
    return x, running_mean, running_var, weight, bias


def random_case(g: torch.Generator) -> Case:
    n = int(torch.randint(2, 17, (1,), generator=g))
    c = int(torch.randint(1, 9, (1,), generator=g))
    shape = (n, c) if int(torch.randint(0, 2, (1,), generator=g)) else (n, c, int(torch.randint(1, 9, (1,), generator=g)))
    offset = float(torch.randn((), generator=g)) * 3
    scale = float(torch.rand((), generator=g)) * 3 + 0.3
    training = bool(torch.randint(0, 3, (1,), generator=g) > 0)
    momentum = round(float(torch.rand((), generator=g)) * 0.5, 3)
    eps = float(torch.tensor([1e-5, 1e-3, 0.1])[torch.randint(0, 3, (1,), generator=g)])
    mode = "train" if training else "eval"
    return Case(
        f"{mode}, x of shape {list(shape)}, momentum {momentum}, eps {eps:g}",
        args=(*_layer(g, shape, offset, scale), training, momentum, eps),
    )


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(1955)
    return [
        Case(
            "one sample, a long sequence",
            args=(*_layer(g, (1, 3, 6), 0.0, 1.0), True, 0.1, 1e-5),
            note="N = 1 is fine in training when L > 1: each channel still has 6 values.",
        ),
        Case(
            "readings far from zero",
            args=(*_layer(g, (16, 3, 10), 1e4, 3.0), True, 0.1, 1e-5),
            note="mean(x**2) - mean(x)**2 cancels catastrophically here; subtract the mean first.",
            atol=1e-2,
            rtol=1e-3,
        ),
        Case("momentum 1: forget the past", args=(*_layer(g, (5, 4), 1.0, 2.0), True, 1.0, 1e-5)),
        Case("momentum 0: remember everything", args=(*_layer(g, (5, 4, 2), 0.0, 1.0), True, 0.0, 1e-5)),
        Case(
            "a single channel in double precision, eval",
            args=(*_layer(g, (7, 1, 3), -2.0, 0.5, torch.float64), False, 0.1, 1e-5),
        ),
    ]
