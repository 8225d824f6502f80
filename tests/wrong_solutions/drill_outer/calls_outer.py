# expect: rule | outer
import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.outer(a, b)
