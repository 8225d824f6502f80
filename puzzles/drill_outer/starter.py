import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a * b  # pairs 0 with 0, 1 with 1... but I asked for EVERY pair
