import torch

from game.runner.casekit import Case


def _demo(g: torch.Generator, n: int, k: int, f: int, scale: float = 1.0,
          dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, ...]:
    x = torch.randn(n, f, generator=g, dtype=dtype) * scale
    m = torch.randn(k, f, f, generator=g, dtype=dtype)
    c = torch.randn(k, f, generator=g, dtype=dtype) * scale
    b = torch.randn(k, generator=g, dtype=dtype)
    return x, m, c, b


def examples() -> list[Case]:
    x = torch.tensor([[1.0, 2.0], [0.0, -1.0]])
    m = torch.tensor([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [-1.0, 2.0]]])
    c = torch.tensor([[1.0, 1.0], [0.0, 0.0]])
    b = torch.tensor([0.5, -1.0])
    return [
        Case("two patients, two treatments", args=(x, m, c, b), note="The worked example from the brief."),
        Case("Friday's demo data", args=_demo(torch.Generator().manual_seed(42), 6, 3, 4)),
    ]


def random_case(g: torch.Generator) -> Case:
    n, k, f = (int(s) for s in torch.randint(1, 13, (3,), generator=g))
    return Case(f"{n} patients, {k} treatments, {f} features", args=_demo(g, n, k, f))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(7)
    return [
        Case("one patient, one treatment, one feature", args=_demo(g, 1, 1, 1)),
        Case("a hundred patients at once", args=_demo(g, 100, 5, 8)),
        Case("huge readings in double precision", args=_demo(g, 5, 4, 6, scale=1e3, dtype=torch.float64)),
        Case(
            "no patients yet",
            args=_demo(g, 0, 3, 4),
            note="An empty waiting room: the answer has shape [0, 3].",
        ),
    ]
