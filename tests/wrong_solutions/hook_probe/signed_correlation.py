# expect: values | answer[0]
# Wrong: ranks units by their signed correlation, forgetting the absolute value, so a unit
# that fires exactly for diagnosis 0 (correlation -1) is missed, and the score rows are off.
import support
import torch


def _scores(a: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    a = a - a.mean(dim=0)
    t = y.float() - y.float().mean()
    return ((a * t[:, None]).sum(dim=0) / (a.norm(dim=0) * t.norm())).nan_to_num(0.0)


def probe(state_dict: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor):
    model = support.BlackBox(state_dict)
    seen = []
    for layer in model.layers:
        layer.register_forward_hook(lambda mod, inp, out: seen.append(out.detach()))
    with torch.no_grad():
        model(x)
    scores = [_scores(a, y) for a in seen]
    stats = torch.stack([torch.stack([a.mean(), a.std(), s.max()]) for a, s in zip(seen, scores)])
    layer = int(stats[:, 2].argmax())
    return stats, layer, int(scores[layer].argmax())
