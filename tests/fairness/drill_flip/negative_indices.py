# style: negative indices (-1, -2, ...) count from the end instead of n - 1 - i
import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a[-1 - torch.arange(len(a))]
