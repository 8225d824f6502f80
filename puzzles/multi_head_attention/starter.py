import math

import torch
import torch.nn.functional as F


def mha(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor,
        causal: bool):
    q, k, v = F.linear(x, weights["in_proj_weight"], weights["in_proj_bias"]).chunk(3, dim=-1)
    # One giant head, no masks, no output projection. An army of one is not an army, apprentice.
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    return scores.softmax(dim=-1) @ v
