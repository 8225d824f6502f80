# expect: values | expected
# Wrong: subtracts the mean inside RMSNorm, which makes it LayerNorm without the bias.
import torch


def norms(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float):
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, unbiased=False, keepdim=True)
    layer = (x - mu) / torch.sqrt(var + eps) * weight + bias
    rms = (x - mu) * torch.rsqrt(((x - mu) ** 2).mean(-1, keepdim=True) + eps) * weight
    mu_b = x.mean((0, 1), keepdim=True)
    var_b = x.var((0, 1), unbiased=False, keepdim=True)
    batch = (x - mu_b) / torch.sqrt(var_b + eps) * weight + bias
    return layer, rms, batch
