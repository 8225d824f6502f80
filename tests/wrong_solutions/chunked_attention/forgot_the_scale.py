# expect: values | two queries
# Wrong: a perfect online softmax over raw q @ k^T, without dividing the scores by sqrt(d).
import math

import torch


def chunked_attention(q, k, v):
    best = torch.full((*q.shape[:2], 1), -math.inf, dtype=q.dtype, device=q.device)
    total = torch.zeros_like(best)
    acc = torch.zeros((*q.shape[:2], v.shape[-1]), dtype=q.dtype, device=q.device)
    for start in range(0, k.shape[1], 128):
        scores = q @ k[:, start : start + 128].transpose(1, 2)
        new_best = torch.maximum(best, scores.amax(-1, keepdim=True))
        weights = torch.exp(scores - new_best)
        fade = torch.exp(best - new_best)
        total = total * fade + weights.sum(-1, keepdim=True)
        acc = acc * fade + weights @ v[:, start : start + 128]
        best = new_best
    return acc / total
