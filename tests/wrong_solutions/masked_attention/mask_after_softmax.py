# expect: values | blank stares
# Wrong: zeroes the forbidden weights AFTER the softmax, so the remaining weights of a row no
# longer sum to 1 (the masked keys' share of attention simply vanishes).
import math

import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).tril()
    weights = scores.softmax(dim=-1) * allowed
    return weights @ v
