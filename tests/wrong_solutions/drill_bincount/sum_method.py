# expect: rule | sum
# Wrong: .sum() is on the refused list in the drill room.
import torch


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.where(a[:, None] == torch.arange(n), 1, 0).sum(0)
