# style: the grid laid out badges-by-creatures, times a column of ones on the right
import torch


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.where(torch.arange(n)[:, None] == a, 1, 0) @ torch.where(a == a, 1, 0)
