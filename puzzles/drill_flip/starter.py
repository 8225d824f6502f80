import torch


def flip(a: torch.Tensor) -> torch.Tensor:
    # Every element stays in its place: no mirror at all.
    return a[torch.arange(len(a))]
