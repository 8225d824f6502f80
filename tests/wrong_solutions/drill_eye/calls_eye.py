# expect: rule | eye
import torch


def eye(n: int) -> torch.Tensor:
    return torch.eye(n, dtype=torch.long)
