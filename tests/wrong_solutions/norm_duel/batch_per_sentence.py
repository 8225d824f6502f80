# expect: values | expected
# Wrong: BatchNorm statistics per sentence (over L only), not over the whole batch.
import torch


def norms(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float):
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, unbiased=False, keepdim=True)
    layer = (x - mu) / torch.sqrt(var + eps) * weight + bias
    rms = x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * weight
    mu_b = x.mean(1, keepdim=True)
    var_b = x.var(1, unbiased=False, keepdim=True)
    batch = (x - mu_b) / torch.sqrt(var_b + eps) * weight + bias
    return layer, rms, batch
