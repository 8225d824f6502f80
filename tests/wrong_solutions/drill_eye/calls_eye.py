# expect: rule | eye
# Calls the built-in `torch.eye` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def eye(n: int) -> torch.Tensor:
    return torch.eye(n, dtype=torch.long)
