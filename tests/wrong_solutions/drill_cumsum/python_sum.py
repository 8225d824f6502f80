# expect: rule | sum
# Wrong: Python's sum() over slices is a loop in disguise.
import torch


def cumsum(a: torch.Tensor) -> torch.Tensor:
    return torch.where(a == a, 1, 0) * sum(a[:1])
