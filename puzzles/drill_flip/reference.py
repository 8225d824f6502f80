import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a[a.shape[0] - 1 - torch.arange(a.shape[0])]
