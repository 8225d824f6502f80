import torch

import support


def probe(state_dict: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor):
    model = support.BlackBox(state_dict)
    with torch.no_grad():
        scores = model(x)
    # Hammer shows us only the final scores. The layers in between stay dark... for now.
    n_layers = len(model.layers)
    stats = torch.stack([scores.mean(), scores.std(), torch.zeros((), device=x.device)]).repeat(n_layers, 1)
    return stats, 0, 0
