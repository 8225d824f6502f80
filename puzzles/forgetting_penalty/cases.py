import torch

from game.runner.casekit import Case


def _case(name, weight, bias, a_weight, a_bias, f_weight, f_bias, lam, x, y, lr, note=""):
    params = {"weight": weight, "bias": bias}
    anchor = {"weight": a_weight, "bias": a_bias}
    fisher = {"weight": f_weight, "bias": f_bias}
    return Case(name, args=(params, anchor, fisher, lam, x, y, lr), note=note)


def examples() -> list[Case]:
    t = torch.tensor
    return [
        _case(
            "one neuron, two inputs",
            t([[1.0, -1.0]]), t([0.5]),
            t([[0.5, -1.0]]), t([0.0]),
            t([[2.0, 1.0]]), t([4.0]),
            1.0, t([[1.0, 2.0]]), t([[0.0]]), 0.1,
            note="The worked example from the brief.",
        ),
        _case(
            "nothing to remember",
            t([[0.3, 0.2], [-0.1, 0.4]]), t([0.0, 0.1]),
            t([[0.0, 0.0], [0.0, 0.0]]), t([0.0, 0.0]),
            t([[0.0, 0.0], [0.0, 0.0]]), t([0.0, 0.0]),
            5.0, t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), 0.5,
            note="All Fisher weights are zero: the penalty vanishes and only the task pulls.",
        ),
    ]


def _random_task(g: torch.Generator, n_in: int, n_out: int, batch: int, dtype: torch.dtype):
    def randn(*shape: int) -> torch.Tensor:
        return torch.randn(shape, generator=g, dtype=dtype)

    def fisher(*shape: int) -> torch.Tensor:
        return torch.rand(shape, generator=g, dtype=dtype) * 3

    return (
        randn(n_out, n_in), randn(n_out),
        randn(n_out, n_in), randn(n_out),
        fisher(n_out, n_in), fisher(n_out),
        randn(batch, n_in), randn(batch, n_out),
    )


def random_case(g: torch.Generator) -> Case:
    n_in, n_out, batch = (int(n) for n in torch.randint(1, 7, (3,), generator=g))
    w, b, aw, ab, fw, fb, x, y = _random_task(g, n_in, n_out, batch, torch.float32)
    lam = round(float(torch.rand((), generator=g)) * 20, 2)
    lr = round(float(torch.rand((), generator=g)) * 0.1 + 0.001, 4)
    return _case(
        f"{n_in} inputs, {n_out} outputs, batch {batch}, lam = {lam}",
        w, b, aw, ab, fw, fb, lam, x, y, lr,
    )


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(1789)
    w, b, aw, ab, fw, fb, x, y = _random_task(g, 1, 1, 1, torch.float32)
    w64, b64, aw64, ab64, fw64, fb64, x64, y64 = _random_task(g, 5, 3, 8, torch.float64)
    return [
        _case("a single weight, a single sample", w, b, aw, ab, fw, fb, 2.0, x, y, 0.05),
        _case("no penalty at all (lam = 0)", w64, b64, aw64, ab64, fw64, fb64, 0.0, x64, y64, 0.1),
        _case(
            "a stubborn memory (lam = 1e4)",
            w64, b64, aw64, ab64, fw64, fb64, 1e4, x64, y64, 1e-5,
        ),
        _case(
            "already home",
            aw64.clone(), ab64.clone(), aw64, ab64, fw64, fb64, 3.0, x64, y64, 0.1,
            note="The parameters sit exactly on the anchor: the penalty and its pull are zero.",
        ),
    ]
