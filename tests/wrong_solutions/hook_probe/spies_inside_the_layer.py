# expect: values | expected
# Wrong: hooks the Linear inside each layer (`model.layers[i][0]`) instead of the layer itself,
# so it records pre-activations: before the ReLU, the means, spreads and correlations differ.
import support
import torch


def _spy(model, x):
    seen = []
    handles = [layer[0].register_forward_hook(lambda m, i, out: seen.append(out)) for layer in model.layers]
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return seen


def _scores(a, y):
    c = a - a.mean(dim=0)
    t = y.to(a.dtype) - y.to(a.dtype).mean()
    return ((c * t[:, None]).sum(dim=0) / (c.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)


def probe(state_dict, scans, control, y):
    model = support.BlackBox(state_dict)
    real, blind = _spy(model, scans), _spy(model, control)
    blind_scores = [_scores(a, y) for a in blind]
    stats = torch.stack([torch.stack([a.mean(), a.std(), _scores(a, y).max(), s.max()])
                         for a, s in zip(real, blind_scores)])
    layer = int(stats[:, 3].argmax())
    return stats, layer, int(blind_scores[layer].argmax())
