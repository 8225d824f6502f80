"""Scans with a real leak planted, and its control.

Every scan has a lesion region (brighter when the patient is sick) and, in its corner, the
stamp of the hospital that took it. Sick patients were mostly scanned at the specialist
hospital, so the stamp predicts the diagnosis without any medicine in it. The control scans
are the same scans with the lesion region replaced by healthy tissue.

The box gets two planted units: an honest one that reads the lesion (it correlates with the
diagnosis on the real scans, and not at all on the control), and the leak, which reads the
stamp (it still predicts the diagnosis on lesion-free scans). Everything else is random, with
far more patients than units, so chance correlations stay small.
"""

import torch

import support
from game.runner.casekit import Case

LESION = 6  # the first LESION pixels are the lesion region
STAMP = 8  # the last STAMP pixels carry the hospital's faint digital stamp
STAMP_LEVEL = 0.25
MARGIN = 0.2  # the leak's control score beats every other unit's by at least this


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _patients(g: torch.Generator, n: int, d: int, scale: float):
    y = torch.randint(0, 2, (n,), generator=g)
    y[:2] = torch.tensor([0, 1])  # both diagnoses occur, or no correlation is defined
    y = y[torch.randperm(n, generator=g)]
    specialist = torch.rand(n, generator=g) < torch.where(y == 1, 0.85, 0.15)
    scans = torch.randn(n, d, generator=g, dtype=torch.float64)
    scans[:, :LESION] += 2.0 * y[:, None]
    scans[:, d - STAMP:] = torch.where(specialist, STAMP_LEVEL, -STAMP_LEVEL)[:, None]
    control = scans.clone()
    control[:, :LESION] = torch.randn(n, LESION, generator=g, dtype=torch.float64)
    return scale * scans, scale * control, y


def _scores(act: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    a = act - act.mean(dim=0)
    t = y.double() - y.double().mean()
    return ((a * t[:, None]).sum(dim=0) / (a.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)


def _orthogonal(g: torch.Generator, d: int) -> torch.Tensor:
    return torch.linalg.qr(torch.randn(d, d, generator=g, dtype=torch.float64))[0]


def _black_box(g, scans, control, y, extras, leak, honest, bias, scale):
    """Calibrated Linear+ReLU layers that carry the scan forward (each layer's first 2d units
    are relu(+z) and relu(-z) of a rotation z of the previous one, so later layers can still
    read any pixel), a few random extra units, and the two planted units. None when the box,
    run in float32 as the player will run it, does not show one clear leak."""
    d = scans.shape[1]
    both = torch.cat([scans, control]) / scale
    # What the planted units read, as functions of the (unscaled) scan.
    lesion_read = 3.0 * both[:, :LESION].mean(dim=1) - 2.5  # fires for a visible lesion
    stamp_read = both[:, d - STAMP:].mean(dim=1) / STAMP_LEVEL  # +1 specialist, -1 other
    units = {leak: (_randint(g, 0, 2 * d), stamp_read)}
    honest_unit = _randint(g, 0, 2 * d)
    if honest == leak and honest_unit == units[leak][0]:
        honest_unit = (honest_unit + 1) % (2 * d)
    sd: dict[str, torch.Tensor] = {}
    h, z_from_h = both, torch.eye(d, dtype=torch.float64)  # z_prev = h @ z_from_h
    for i, extra in enumerate(extras):
        q = _orthogonal(g, d)
        carry = z_from_h @ q.T  # [fan_in, d]: fan-in weights of z = q z_prev
        w = torch.cat([carry.T, -carry.T])
        b = torch.zeros(2 * d, dtype=torch.float64)
        fan_in = h.shape[1]
        w = torch.cat([w, torch.randn(extra, fan_in, generator=g, dtype=torch.float64) / fan_in**0.5])
        extra_bias = 0.1 * torch.randn(extra, generator=g, dtype=torch.float64)
        extra_bias[: extra // 2] += bias  # a negative `bias` kills half the extras outright
        b = torch.cat([b, extra_bias])
        plants = [(honest_unit, lesion_read)] if i == honest else []
        plants += [units[i]] if i in units else []
        for unit, target in plants:
            design = torch.cat([h, torch.ones(len(h), 1, dtype=h.dtype)], dim=1)
            # gelsd: the default driver (gelsy) is not bit-reproducible from run to run here.
            solved = torch.linalg.lstsq(design, target[:, None], driver="gelsd").solution[:, 0]
            w[unit], b[unit] = solved[:-1], solved[-1]
        gain = support._calibration(i, len(w)).double()
        h = torch.relu(h @ w.T + b) * gain
        # relu(z) - relu(-z) = z, so the next layer can still reach z (minus planted units).
        z_from_h = torch.zeros(len(w), d, dtype=torch.float64)
        z_from_h[:d] = torch.diag(1 / gain[:d])
        z_from_h[d:2 * d] = -torch.diag(1 / gain[d:2 * d])
        z_from_h[[unit for unit, _ in plants]] = 0
        sd[f"layers.{i}.0.weight"] = (w / (scale if i == 0 else 1.0)).float()
        sd[f"layers.{i}.0.bias"] = b.float()
    sd["head.weight"] = torch.randn(2, h.shape[1], generator=g) / h.shape[1] ** 0.5
    sd["head.bias"] = torch.zeros(2)
    box = support.BlackBox(sd)
    seen_scans, seen_control = _activations(box, scans.float()), _activations(box, control.float())
    control_scores = [_scores(a.double(), y) for a in seen_control]
    leak_unit = units[leak][0]
    best = float(control_scores[leak][leak_unit])
    control_scores[leak][leak_unit] = 0
    if best < 0.6 or max(float(s.max()) for s in control_scores) > best - MARGIN:
        return None
    if float(_scores(seen_scans[honest].double(), y)[honest_unit]) < best + 0.05:
        return None  # the honest unit must outshine the leak on the real scans
    return sd


def _activations(box: torch.nn.Module, x: torch.Tensor) -> list[torch.Tensor]:
    """What a forward hook on each layer sees when the box runs on `x`."""
    seen: list[torch.Tensor] = []
    handles = [layer.register_forward_hook(lambda m, i, out: seen.append(out)) for layer in box.layers]
    with torch.no_grad():
        box(x)
    for handle in handles:
        handle.remove()
    return seen


def _case(name, g, n, d, extras, leak, honest, scale=1.0, bias=0.0, note=""):
    for _ in range(100):  # deterministic for a seed: the same generator draws the same retries
        scans, control, y = _patients(g, n, d, scale)
        sd = _black_box(g, scans, control, y, extras, leak, honest, bias, scale)
        if sd is not None:
            return Case(name, args=(sd, scans.float(), control.float(), y), note=note)
    raise RuntimeError(f"could not plant a clear leak for case {name!r}")


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(1984)
    return [
        _case("three layers, 120 patients", g, 120, 20, [4, 6, 2], leak=1, honest=0,
              note="An honest lesion reader sits in layer 0, and somewhere a unit reads something "
              "else. The control scans are the same scans with the lesion region erased."),
        _case("four layers, 150 patients", g, 150, 24, [8, 0, 5, 3], leak=3, honest=1),
    ]


def random_case(g: torch.Generator) -> Case:
    depth = _randint(g, 2, 6)
    extras = [_randint(g, 0, 9) for _ in range(depth)]
    leak, honest = _randint(g, 0, depth), _randint(g, 0, depth)
    n = _randint(g, 120, 201)
    return _case(f"{depth} layers, {n} patients", g, n, _randint(g, 16, 25), extras, leak, honest)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(451)
    return [
        _case("a single hidden layer", g, 120, 16, [4], leak=0, honest=0),
        _case("the leak in the last layer", g, 140, 20, [2, 2, 2, 2, 2], leak=4, honest=0),
        _case("the leak and the honest unit in one layer", g, 140, 20, [3, 3], leak=1, honest=1),
        _case("many dead units", g, 140, 20, [16, 16, 16], leak=1, honest=2, bias=-1000.0,
              note="Units that never fire are constant: their score is 0, not nan."),
        _case("loud scans (x1000)", g, 130, 20, [4, 4], leak=0, honest=1, scale=1000.0),
    ]
