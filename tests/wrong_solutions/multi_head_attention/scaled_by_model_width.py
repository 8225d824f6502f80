# expect: values | two heads
# Wrong: scales every head's scores by sqrt(E), the model width, instead of sqrt(E / H), the
# head's own width, so the softmax is too flat whenever there is more than one head.
import math

import torch
import torch.nn.functional as F


def mha(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor,
        causal: bool):
    b, length, e = x.shape
    q, k, v = F.linear(x, weights["in_proj_weight"], weights["in_proj_bias"]).chunk(3, dim=-1)

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.view(b, length, num_heads, e // num_heads).transpose(1, 2)

    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
    scores = split(q) @ split(k).transpose(-2, -1) / math.sqrt(e)
    weights_ = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
    merged = (weights_ @ split(v)).transpose(1, 2).reshape(b, length, e)
    return F.linear(merged, weights["out_proj.weight"], weights["out_proj.bias"])
