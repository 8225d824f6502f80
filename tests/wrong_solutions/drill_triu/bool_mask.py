# expect: dtype | dtype
# Wrong: the bare comparison is a bool mask; the drill wants integers.
import torch


def triu(n: int) -> torch.Tensor:
    return torch.arange(n)[:, None] <= torch.arange(n)
