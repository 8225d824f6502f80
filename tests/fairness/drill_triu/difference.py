# style: arithmetic on the index difference instead of comparing the two aranges directly
import torch


def triu(n: int) -> torch.Tensor:
    return torch.where(torch.arange(n) - torch.arange(n)[:, None] >= 0, 1, 0)
