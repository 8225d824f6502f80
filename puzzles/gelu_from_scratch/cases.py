import torch

from game.runner.casekit import Case


def _ramp() -> torch.Tensor:
    return torch.tensor([-3.0, -1.0, 0.0, 0.5, 2.0])


def examples() -> list[Case]:
    return [
        Case("the exact form", args=(_ramp(), "none"), note="The worked example from the brief."),
        Case("the tanh form", args=(_ramp(), "tanh"), note="Same inputs, approximate=\"tanh\"."),
    ]


def random_case(g: torch.Generator) -> Case:
    ndim = int(torch.randint(1, 4, (1,), generator=g))
    shape = tuple(int(n) for n in torch.randint(1, 7, (ndim,), generator=g))
    scale = float(torch.tensor([0.5, 2.0, 5.0])[torch.randint(0, 3, (1,), generator=g)])
    x = torch.randn(shape, generator=g) * scale
    form = "tanh" if int(torch.randint(0, 2, (1,), generator=g)) else "none"
    return Case(f"{form} form, shape {list(shape)}", args=(x, form))


def edge_cases() -> list[Case]:
    huge = torch.tensor([-1e4, -40.0, -8.0, 8.0, 40.0, 1e4])
    return [
        Case("huge magnitudes, exact form", args=(huge, "none")),
        Case("huge magnitudes, tanh form", args=(huge, "tanh")),
        Case("a lone 0-dim scalar", args=(torch.tensor(1.25), "tanh")),
        Case("double precision", args=(torch.linspace(-6, 6, 25, dtype=torch.float64), "none")),
        Case(
            "half precision",
            args=(torch.linspace(-6, 6, 25).to(torch.float16), "tanh"),
            note="Return float16 too. Half precision rounds coarsely, so the check is looser here.",
            atol=1e-2,
            rtol=1e-2,
        ),
        Case("an empty tensor", args=(torch.empty(0, 3), "none")),
    ]
