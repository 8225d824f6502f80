# expect: shape | shape
# Wrong: no column, so nothing broadcasts: one row of n ones instead of an n x n matrix.
import torch


def eye(n: int) -> torch.Tensor:
    return torch.where(torch.arange(n) == torch.arange(n), 1, 0)
