# style: torch.where sends the last seat back to 0 instead of using %
import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return a[torch.where((i := torch.arange(len(a)) + 1) < len(a), i, 0)]
