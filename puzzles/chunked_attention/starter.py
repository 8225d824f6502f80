import math

import torch


def chunked_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    # The CEO's version: correct, simple, and it needs "a bigger AWS instance".
    # Every query against every key at once: a [B, Lq, Lk] matrix. Break it into chunks!
    scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
    return torch.softmax(scores, dim=-1) @ v
