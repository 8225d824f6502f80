# expect: rule | bincount
import torch


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.bincount(a, minlength=n)
