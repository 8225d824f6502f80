# expect: exception | index
# Wrong: forgets the - 1, so the first position asked for is n, past the end.
import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a[len(a) - torch.arange(len(a))]
