# expect: exception | index
# Wrong: without `%` the last seat asks for a[n], which is not there.
import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return a[torch.arange(len(a)) + 1]
