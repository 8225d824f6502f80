# expect: rule | triu
import torch


def triu(n: int) -> torch.Tensor:
    return torch.triu(torch.where(torch.arange(n) >= 0, 1, 0) + torch.arange(n)[:, None] * 0)
