# expect: rule | forbidden
# Wrong (a rule, not the numbers): runs the box's layers one by one from its own code instead
# of spying with hooks. nn.Linear calls torch.nn.functional.linear, forbidden in the player's
# lines here, so this is a rule violation.
import support
import torch


def probe(state_dict: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor):
    model = support.BlackBox(state_dict)
    seen = []
    h = x
    with torch.no_grad():
        for layer in model.layers:
            h = layer(h)
            seen.append(h)
    t = y.float() - y.float().mean()
    rows, best = [], []
    for a in seen:
        c = a - a.mean(dim=0)
        s = ((c * t[:, None]).sum(dim=0) / (c.norm(dim=0) * t.norm())).abs().nan_to_num(0.0)
        rows.append(torch.stack([a.mean(), a.std(), s.max()]))
        best.append(s)
    stats = torch.stack(rows)
    layer = int(stats[:, 2].argmax())
    return stats, layer, int(best[layer].argmax())
