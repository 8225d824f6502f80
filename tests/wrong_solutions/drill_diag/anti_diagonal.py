# expect: values | values
# Wrong: reads the other diagonal, from top-right to bottom-left.
import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a[torch.arange(len(a)), len(a) - 1 - torch.arange(len(a))]
