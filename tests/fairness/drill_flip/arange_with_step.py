# style: torch.arange counting down with a negative step instead of subtracting
import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a[torch.arange(len(a) - 1, -1, -1)]
