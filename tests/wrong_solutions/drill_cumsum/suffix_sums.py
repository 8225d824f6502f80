# expect: values | values
# Wrong: the lower triangle sums from i to the end (suffix sums), not from the start.
import torch


def cumsum(a: torch.Tensor) -> torch.Tensor:
    return a @ torch.where(torch.arange(len(a))[:, None] >= torch.arange(len(a)), 1, 0)
