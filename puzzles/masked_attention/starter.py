import math

import torch


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, causal: bool):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    weights = scores.softmax(dim=-1)
    # The oracle listens to everyone: padding, the future, Hammer... Masks, apprentice, masks!
    return weights @ v
