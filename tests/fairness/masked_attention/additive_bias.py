# style: an additive -inf bias built with torch.where and torch.triu, softmax via torch.softmax
import math

import torch


def attend(q, k, v, keep, causal):
    scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(q.size(-1)))
    bias = torch.where(keep, 0.0, float("-inf")).to(scores.dtype)[:, None, None, :]
    if causal:
        n = scores.size(-1)
        future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=q.device), diagonal=1)
        bias = bias.masked_fill(future, float("-inf"))
    return torch.softmax(scores + bias, dim=-1) @ v
