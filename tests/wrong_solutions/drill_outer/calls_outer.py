# expect: rule | outer
# Calls the built-in `torch.outer` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.outer(a, b)
