# expect: rule | forbidden
# Wrong (a rule): no hooks. Calls the box's own layers one after another from its own lines;
# their nn.Linear reaches torch.nn.functional.linear, forbidden here (and the calibration
# the box applies between layers would be missing anyway).
import support
import torch


def _scores(a, y):
    c = a - a.mean(dim=0)
    t = y.to(a.dtype) - y.to(a.dtype).mean()
    return ((c * t[:, None]).sum(dim=0) / (c.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)


def _run(model, x):
    seen, h = [], x
    with torch.no_grad():
        for layer in model.layers:
            h = layer(h)
            seen.append(h)
    return seen


def probe(state_dict, scans, control, y):
    model = support.BlackBox(state_dict)
    real, blind = _run(model, scans), _run(model, control)
    blind_scores = [_scores(a, y) for a in blind]
    stats = torch.stack([torch.stack([a.mean(), a.std(), _scores(a, y).max(), s.max()])
                         for a, s in zip(real, blind_scores)])
    layer = int(stats[:, 3].argmax())
    return stats, layer, int(blind_scores[layer].argmax())
