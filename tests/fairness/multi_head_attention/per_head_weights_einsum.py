# style: weights viewed per head [3, H, hd, E] and projected with einsum; softmax by hand
import math

import torch


def mha(x, weights, num_heads, keep, causal):
    b, n, e = x.shape
    hd = e // num_heads
    w = weights["in_proj_weight"].view(3, num_heads, hd, e)
    bias = weights["in_proj_bias"].view(3, 1, num_heads, 1, hd)
    q, k, v = (torch.einsum("ble,shde->sbhld", x, w) + bias).unbind(0)
    scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(hd)
    allowed = keep[:, None, None, :].expand(b, 1, n, n)
    if causal:
        allowed = allowed & torch.tril(torch.ones(n, n, dtype=torch.bool, device=x.device))
    scores = scores.masked_fill(~allowed, float("-inf"))
    scores = scores - scores.amax(dim=-1, keepdim=True)
    weights_ = scores.exp() / scores.exp().sum(dim=-1, keepdim=True)
    heads = torch.einsum("bhqk,bhkd->bqhd", weights_, v).reshape(b, n, e)
    return heads @ weights["out_proj.weight"].T + weights["out_proj.bias"]
