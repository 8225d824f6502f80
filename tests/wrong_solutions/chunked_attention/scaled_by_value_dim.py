# expect: values | investor demo
# Wrong: divides the scores by sqrt of the VALUE dim (dv) instead of the query/key dim (d).
import math

import torch


def chunked_attention(q, k, v):
    scale = 1 / math.sqrt(v.shape[-1])
    best = torch.full((*q.shape[:2], 1), -math.inf, dtype=q.dtype, device=q.device)
    total = torch.zeros_like(best)
    acc = torch.zeros((*q.shape[:2], v.shape[-1]), dtype=q.dtype, device=q.device)
    for start in range(0, k.shape[1], 128):
        scores = q @ k[:, start : start + 128].transpose(1, 2) * scale
        new_best = torch.maximum(best, scores.amax(-1, keepdim=True))
        weights = torch.exp(scores - new_best)
        fade = torch.exp(best - new_best)
        total = total * fade + weights.sum(-1, keepdim=True)
        acc = acc * fade + weights @ v[:, start : start + 128]
        best = new_best
    return acc / total
