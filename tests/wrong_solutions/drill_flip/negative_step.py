# expect: exception | step
# Wrong: torch does not support slices with a negative step.
import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a[::-1]
