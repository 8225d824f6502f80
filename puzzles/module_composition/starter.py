import torch
from torch import nn


def committee(weights: dict[str, torch.Tensor], x: torch.Tensor, seed: int):
    h, d_in = weights["stem.0.weight"].shape
    d_out = weights["head.weight"].shape[0]
    # So far the committee is a stem and a head. Where are the members? Whose weights are these?
    # And who decided which mode we are in? Certainly not a committee...
    model = nn.ModuleDict({
        "stem": nn.Sequential(nn.Linear(d_in, h), nn.BatchNorm1d(h), nn.ReLU()),
        "head": nn.Linear(h, d_out),
    })
    with torch.no_grad():
        out = model["head"](model["stem"](x))
    return out, out
