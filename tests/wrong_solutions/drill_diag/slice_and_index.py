# expect: shape | shape
# Wrong: a slice and an index tensor do not pair up; this takes every row of every column.
import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a[:, torch.arange(a.shape[0])]
