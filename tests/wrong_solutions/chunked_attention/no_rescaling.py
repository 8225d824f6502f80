# expect: values | investor demo
# Wrong: when a chunk raises the running maximum, the sums collected under the old maximum are
# not rescaled by exp(old - new), so early chunks keep too much weight.
import math

import torch


def chunked_attention(q, k, v):
    scale = 1 / math.sqrt(q.shape[-1])
    best = torch.full((*q.shape[:2], 1), -math.inf, dtype=q.dtype, device=q.device)
    total = torch.zeros_like(best)
    acc = torch.zeros((*q.shape[:2], v.shape[-1]), dtype=q.dtype, device=q.device)
    for start in range(0, k.shape[1], 128):
        scores = q @ k[:, start : start + 128].transpose(1, 2) * scale
        best = torch.maximum(best, scores.amax(-1, keepdim=True))
        weights = torch.exp(scores - best)
        total = total + weights.sum(-1, keepdim=True)
        acc = acc + weights @ v[:, start : start + 128]
    return acc / total
