import torch


def eye(n: int) -> torch.Tensor:
    # The right pattern, apprentice, but in the wrong dtype.
    return torch.arange(n)[:, None] == torch.arange(n)
