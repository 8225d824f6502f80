# expect: nan | NaN
# Wrong: `triu` instead of `tril` turns the causal mask around, so query i attends to keys
# j >= i: the future, and not the past.
import math

import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).triu()
    scores = scores.masked_fill(~allowed, float("-inf"))
    return scores.softmax(dim=-1) @ v
