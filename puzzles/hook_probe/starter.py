import torch

import support


def probe(state_dict: dict[str, torch.Tensor], scans: torch.Tensor, control: torch.Tensor, y: torch.Tensor):
    model = support.BlackBox(state_dict)
    with torch.no_grad():
        scores = model(scans)
    # Hammer shows us only the final scores. The layers in between stay dark... for now.
    n_layers = len(model.layers)
    row = torch.stack([scores.mean(), scores.std(), torch.zeros((), device=scans.device), torch.zeros((), device=scans.device)])
    return row.repeat(n_layers, 1), 0, 0
