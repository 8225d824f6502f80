# expect: rule | bincount
# Calls the built-in `torch.bincount` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.bincount(a, minlength=n)
