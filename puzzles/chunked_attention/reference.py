import math

import torch


def chunked_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    rows, keys = q.shape[0] * q.shape[1], k.shape[1]
    # About 128 KiB of scores per chunk; at most two such blocks are alive at once.
    chunk = max(1, min(keys, (128 * 1024) // (rows * q.element_size())))
    q = q / math.sqrt(q.shape[-1])
    best = torch.full((*q.shape[:2], 1), -math.inf, dtype=q.dtype, device=q.device)
    total = torch.zeros_like(best)
    acc = torch.zeros((*q.shape[:2], v.shape[-1]), dtype=v.dtype, device=v.device)
    for start in range(0, keys, chunk):
        scores = q @ k[:, start : start + chunk].transpose(1, 2)
        new_best = torch.maximum(best, scores.amax(dim=-1, keepdim=True))
        weights = (scores - new_best).exp_()
        fade = torch.exp(best - new_best)  # rescales what was summed under the old maximum
        total = total * fade + weights.sum(dim=-1, keepdim=True)
        acc = acc * fade + weights @ v[:, start : start + chunk]
        best = new_best
    return acc / total
