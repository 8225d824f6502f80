import torch


def triu(n: int) -> torch.Tensor:
    return torch.arange(n)  # a ramp is a start; I asked for a whole triangle
