# expect: rule | triu
# Calls the built-in `torch.triu` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def triu(n: int) -> torch.Tensor:
    return torch.triu(torch.where(torch.arange(n) >= 0, 1, 0) + torch.arange(n)[:, None] * 0)
