# expect: rule | flip
# Calls the built-in `Tensor.flip` that the drill asks you to rebuild from allowed pieces: refused.
import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    return a.flip(0)
