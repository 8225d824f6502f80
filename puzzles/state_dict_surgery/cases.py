import itertools

import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _linear(sd: dict, name: str, d_in: int, d_out: int, g: torch.Generator, dtype: torch.dtype) -> None:
    sd[f"{name}.weight"] = (torch.randn(d_out, d_in, generator=g) / d_in**0.5).to(dtype)
    sd[f"{name}.bias"] = (0.1 * torch.randn(d_out, generator=g)).to(dtype)


def _batchnorm(sd: dict, name: str, width: int, g: torch.Generator, dtype: torch.dtype) -> None:
    sd[f"{name}.weight"] = (1 + 0.1 * torch.randn(width, generator=g)).to(dtype)
    sd[f"{name}.bias"] = (0.1 * torch.randn(width, generator=g)).to(dtype)
    sd[f"{name}.running_mean"] = (0.5 * torch.randn(width, generator=g)).to(dtype)
    sd[f"{name}.running_var"] = (0.5 + torch.rand(width, generator=g)).to(dtype)
    sd[f"{name}.num_batches_tracked"] = torch.tensor(_randint(g, 1, 100_000))


def _bloated(
    g: torch.Generator,
    widths: list[int],
    prefix: str = "module.",
    tower: str = "tower",
    dtype: torch.dtype = torch.float32,
) -> dict:
    """A Linear/BatchNorm tower's state_dict, as OneAI would save it."""
    sd: dict[str, torch.Tensor] = {}
    for i, (d_in, d_out) in enumerate(itertools.pairwise(widths[:-1])):
        _linear(sd, f"{prefix}{tower}.{2 * i}", d_in, d_out, g, dtype)
        _batchnorm(sd, f"{prefix}{tower}.{2 * i + 1}", d_out, g, dtype)
    _linear(sd, f"{prefix}head", widths[-2], widths[-1], g, dtype)
    return sd


def _loud(g: torch.Generator) -> dict:
    sd = _bloated(g, [4, 5, 3])
    sd["module.tower.0.weight"][1, 2] = 7.0e4
    return sd


def _example() -> dict:
    return {
        "module.lin.weight": torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
        "module.lin.bias": torch.tensor([0.5, -0.5, 1.0]),
        "module.norm.weight": torch.tensor([1.0, 1.0, 1.0]),
        "module.norm.bias": torch.tensor([0.0, 0.0, 0.0]),
        "module.norm.running_mean": torch.tensor([0.1, 0.2, 0.3]),
        "module.norm.running_var": torch.tensor([1.0, 1.0, 1.0]),
        "module.norm.num_batches_tracked": torch.tensor(7),
    }


def examples() -> list[Case]:
    return [
        Case("a linear and a norm", args=(_example(),), note="The worked example from the brief."),
        Case(
            "a small tower",
            args=(_bloated(torch.Generator().manual_seed(3), [4, 6, 5, 2]),),
            note="Two Linear + BatchNorm1d pairs, then a head.",
        ),
        Case(
            "a tower with one loud weight",
            args=(_loud(torch.Generator().manual_seed(5)),),
            note="One weight is 70000, past float16's 65504: every float goes to bfloat16.",
        ),
    ]


def random_case(g: torch.Generator) -> Case:
    depth = _randint(g, 2, 6)
    widths = [_randint(g, 1, 48) for _ in range(depth + 1)]
    # Half the time the tower itself sits in a wrapper, hiding a second `module.` in its names.
    tower = "ensemble.module.tower" if _randint(g, 0, 2) else "tower"
    sd = _bloated(g, widths, tower=tower)
    if _randint(g, 0, 3) == 0:  # a third of the towers hide one weight past float16's range
        head = sd["module.head.weight"]
        head.view(-1)[_randint(g, 0, head.numel())] = 1.0e5
        return Case(f"a tower {widths} with one weight of 1e5", args=(sd,))
    return Case(f"a tower {widths}", args=(sd,))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(8)
    nested = _bloated(g, [3, 2, 2])
    nested["module.committee.module.weight"] = torch.randn(2, 2, generator=g)
    return [
        Case("one lonely scalar", args=({"module.w": torch.tensor(2.5)},)),
        Case("no DataParallel prefix", args=(_bloated(g, [5, 4, 3], prefix=""),)),
        Case(
            "a module inside a module",
            args=(nested,),
            note="Only the leading `module.` goes; the inner one is part of the name.",
        ),
        Case("double precision bloat", args=(_bloated(g, [6, 7, 3], dtype=torch.float64),)),
        Case("weights up to 60000 (float16 holds them)",
             args=({"module.w": torch.tensor([6.0e4, -6.0e4, 1e-3])},)),
        Case("a weight of exactly 65504, float16's largest",
             args=({"module.w": torch.tensor([65504.0, 1.5]), "module.b": torch.tensor([0.25])},)),
        Case("one weight of 70000 among small ones", args=(_loud(g),),
             note="70000 is past float16's 65504: the whole checkpoint goes to bfloat16."),
        Case("an empty tensor beside a loud buffer", args=({
            "module.w": torch.zeros(0, 3),
            "module.bn.running_var": torch.tensor([1.0e5, 2.0]),
            "module.bn.num_batches_tracked": torch.tensor(3),
        },), note="A buffer past 65504 counts too: `model.half()` would cast it as well."),
    ]
