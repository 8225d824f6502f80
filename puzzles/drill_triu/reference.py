import torch


def triu(n: int) -> torch.Tensor:
    return torch.where(torch.arange(n)[:, None] <= torch.arange(n), 1, 0)
