import torch


def norms(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float):
    # One mean for everything. Surely that is fair to everyone?
    mu = x.mean()
    var = x.var()
    layer = (x - mu) / torch.sqrt(var + eps) * weight + bias
    rms = layer
    batch = layer
    return layer, rms, batch
