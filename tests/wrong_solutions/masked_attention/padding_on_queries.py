# expect: nan | NaN
# Wrong: applies the padding mask to the queries (rows) instead of the keys (columns), so
# real queries still listen to padding keys, and some rows are masked entirely (nan).
import math

import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    allowed = keep[:, None, : q.shape[-2], None]
    if causal:
        allowed = allowed & torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).tril()
    scores = scores.masked_fill(~allowed, float("-inf"))
    return scores.softmax(dim=-1) @ v
