# expect: values | expected
# Wrong: divides by n - 1 (torch's default var), not by n as the norm layers do.
import torch


def norms(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float):
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True)
    layer = (x - mu) / torch.sqrt(var + eps) * weight + bias
    rms = x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * weight
    mu_b = x.mean((0, 1), keepdim=True)
    var_b = x.var((0, 1), keepdim=True)
    batch = (x - mu_b) / torch.sqrt(var_b + eps) * weight + bias
    return layer, rms, batch
