import math

import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    allowed = keep[:, None, None, :]  # [B, 1, 1, Lk]: the same keys for every head and query
    if causal:
        lq, lk = scores.shape[-2:]
        allowed = allowed & torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril()
    # -inf before the softmax: a masked key gets exactly zero weight and the rest still sum to 1.
    scores = scores.masked_fill(~allowed, float("-inf"))
    return scores.softmax(dim=-1) @ v
