# expect: values | expected
# Wrong: no hooks at all. Rebuilds every layer from the published state_dict with broadcasting
# (no forbidden op), but the box's non-persistent calibration buffers are not in the state_dict,
# so from layer 1 on the copy computes something else and the means and spreads are off.
import support
import torch


def _scores(a, y):
    c = a - a.mean(dim=0)
    t = y.to(a.dtype) - y.to(a.dtype).mean()
    return ((c * t[:, None]).sum(dim=0) / (c.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)


def _run(state_dict, x):
    seen, h, i = [], x, 0
    while f"layers.{i}.0.weight" in state_dict:
        w, b = state_dict[f"layers.{i}.0.weight"], state_dict[f"layers.{i}.0.bias"]
        z = (h[:, None, :] * w[None]).sum(dim=-1) + b
        h = z * (z > 0)
        seen.append(h)
        i += 1
    return seen


def probe(state_dict, scans, control, y):
    real, blind = _run(state_dict, scans), _run(state_dict, control)
    blind_scores = [_scores(a, y) for a in blind]
    stats = torch.stack([torch.stack([a.mean(), a.std(), _scores(a, y).max(), s.max()])
                         for a, s in zip(real, blind_scores)])
    layer = int(stats[:, 3].argmax())
    return stats, layer, int(blind_scores[layer].argmax())
