# expect: values | expected
# Wrong: never looks at the control. It names the unit that correlates best with the diagnosis
# on the real scans, which is the honest lesion reader, and fills the control column with the
# same numbers. Correlation alone is not proof.
import support
import torch


def probe(state_dict, scans, control, y):
    model = support.BlackBox(state_dict)
    seen = []
    handles = [layer.register_forward_hook(lambda m, i, out: seen.append(out)) for layer in model.layers]
    with torch.no_grad():
        model(scans)
    for handle in handles:
        handle.remove()
    t = y.float() - y.float().mean()
    rows, scores = [], []
    for a in seen:
        c = a - a.mean(dim=0)
        s = ((c * t[:, None]).sum(dim=0) / (c.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)
        rows.append(torch.stack([a.mean(), a.std(), s.max(), s.max()]))
        scores.append(s)
    stats = torch.stack(rows)
    layer = int(stats[:, 2].argmax())
    return stats, layer, int(scores[layer].argmax())
