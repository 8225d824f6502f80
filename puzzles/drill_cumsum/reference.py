import torch


def cumsum(a: torch.Tensor) -> torch.Tensor:
    return a @ torch.where(torch.arange(len(a))[:, None] <= torch.arange(len(a)), 1, 0)
