# expect: dtype | dtype
# Wrong: the comparison alone is a bool mask; the drill wants integers.
import torch


def eye(n: int) -> torch.Tensor:
    return torch.arange(n)[:, None] == torch.arange(n)
