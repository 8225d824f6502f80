# style: one arange named with a walrus and used twice, instead of building it twice
import torch


def diag(a: torch.Tensor) -> torch.Tensor:
    return a[(i := torch.arange(a.shape[0])), i]
