# expect: shape | shape
# Wrong: the ones vector sits on the wrong side: it sums each creature's row, not each badge.
import torch


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.where(a[:, None] == torch.arange(n), 1, 0) @ torch.arange(n) ** 0
