# expect: values | causal
# Wrong: forgets to divide the scores by sqrt(D), so the softmax is too sharp (except when
# D = 1, where the two agree).
import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1)
    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).tril()
    scores = scores.masked_fill(~allowed, float("-inf"))
    return scores.softmax(dim=-1) @ v
