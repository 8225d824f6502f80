# expect: rule | diagonal
# Calls the built-in `Tensor.diagonal` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a.diagonal()
