# expect: rule | forbidden
# Wrong (a rule, not the numbers): rebuilds the layers with `@` and `torch.relu`, which this
# puzzle forbids in the player's own lines: spy, don't rebuild.
import support
import torch


def probe(state_dict, scans, control, y):
    h, seen, i = scans, [], 0
    while f"layers.{i}.0.weight" in state_dict:
        h = torch.relu(h @ state_dict[f"layers.{i}.0.weight"].T + state_dict[f"layers.{i}.0.bias"])
        seen.append(h)
        i += 1
    stats = torch.stack([torch.stack([a.mean(), a.std(), a.mean(), a.mean()]) for a in seen])
    return stats, 0, 0
