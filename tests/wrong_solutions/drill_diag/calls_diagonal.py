# expect: rule | diagonal
import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a.diagonal()
