# expect: rule | roll
# Calls the built-in `torch.roll` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return torch.roll(a, -1)
