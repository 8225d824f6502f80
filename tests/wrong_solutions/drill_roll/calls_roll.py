# expect: rule | roll
import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return torch.roll(a, -1)
