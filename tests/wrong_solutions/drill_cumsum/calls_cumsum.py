# expect: rule | cumsum
# Calls the built-in `torch.cumsum` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def cumsum(a: torch.Tensor) -> torch.Tensor:
    return torch.cumsum(a, 0)
