import torch

from game.runner.casekit import Case

# Every other unit scores at most this, so the planted leak (a perfect 1.0) stands out clearly.
MAX_DECOY_SCORE = 0.9


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _labels(g: torch.Generator, n: int) -> torch.Tensor:
    y = torch.randint(0, 2, (n,), generator=g)
    y[:2] = torch.tensor([0, 1])  # both diagnoses occur, or no correlation is defined
    return y[torch.randperm(n, generator=g)]


def _scores(act: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    a = act - act.mean(dim=0)
    t = y.double() - y.double().mean()
    return ((a * t[:, None]).sum(dim=0) / (a.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)


def _black_box(g: torch.Generator, x: torch.Tensor, y: torch.Tensor, widths: list[int], leak: int,
               unit: int, fires_for: int, bias: float = 0.0) -> dict[str, torch.Tensor] | None:
    """Random Linear+ReLU layers, except that unit `unit` of layer `leak` is solved (the
    minimum-norm exact fit on that layer's input) to fire exactly for label `fires_for`. None
    if the float32 box, as the player will run it, does not show one clear leak."""
    sd: dict[str, torch.Tensor] = {}
    h = x.double()
    for i, width in enumerate(widths):
        w = torch.randn(width, h.shape[1], generator=g, dtype=torch.float64) / h.shape[1] ** 0.5
        b = bias + 0.1 * torch.randn(width, generator=g, dtype=torch.float64)
        if i == leak:
            target = (y == fires_for).double() * 2 - 1  # ReLU keeps the +1s, zeroes the -1s
            design = torch.cat([h, torch.ones(len(h), 1, dtype=torch.float64)], dim=1)
            try:
                solved = design.T @ torch.linalg.solve(design @ design.T, target)
            except RuntimeError:  # a singular layer input (too many dead units): draw again
                return None
            w[unit], b[unit] = solved[:-1], solved[-1]
        h = torch.relu(h @ w.T + b)
        sd[f"layers.{i}.0.weight"], sd[f"layers.{i}.0.bias"] = w.float(), b.float()
    sd["head.weight"] = torch.randn(2, h.shape[1], generator=g) / h.shape[1] ** 0.5
    sd["head.bias"] = torch.zeros(2)
    act = x
    for i in range(len(widths)):
        act = torch.relu(act @ sd[f"layers.{i}.0.weight"].T + sd[f"layers.{i}.0.bias"])
        s = _scores(act.double(), y)
        if i == leak:
            if s[unit] < 0.999:
                return None
            s[unit] = 0
        if s.max() > MAX_DECOY_SCORE:
            return None
    return sd


def _case(name: str, g: torch.Generator, n: int, d_in: int, widths: list[int], leak: int,
          scale: float = 1.0, bias: float = 0.0, note: str = "") -> Case:
    for _ in range(100):  # deterministic for a seed: the same generator draws the same retries
        x = scale * torch.randn(n, d_in, generator=g)
        y = _labels(g, n)
        unit = _randint(g, 0, widths[leak])
        sd = _black_box(g, x, y, widths, leak, unit, _randint(g, 0, 2), bias)
        if sd is not None:
            return Case(name, args=(sd, x, y), note=note)
    raise RuntimeError(f"could not plant a clear leak for case {name!r}")


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(1984)
    return [
        _case("three layers, 16 patients", g, 16, 40, [48, 40, 32], 1,
              note="Three hidden layers; one of them knows the diagnosis a little too well."),
        _case("five layers, 20 patients", g, 20, 48, [64, 56, 48, 40, 32], 3),
    ]


def random_case(g: torch.Generator) -> Case:
    depth = _randint(g, 2, 7)
    widths = [_randint(g, 32, 65) for _ in range(depth)]
    leak = _randint(g, 0, depth)
    n = _randint(g, 16, 25)
    return _case(f"{depth} layers, {n} patients", g, n, _randint(g, 32, 49), widths, leak)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(451)
    return [
        _case("a single hidden layer", g, 14, 36, [40], 0),
        _case("the leak in the last layer", g, 16, 40, [48, 48, 48, 48], 3),
        _case("many dead units", g, 16, 40, [64, 64, 64], 1, bias=-0.4,
              note="Units that never fire are constant: their score is 0, not nan."),
        _case("loud scans (x1000)", g, 18, 40, [48, 40], 0, scale=1000.0),
    ]
