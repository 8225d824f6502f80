# style: the triangle from the difference of two aranges instead of a direct comparison
import torch


def cumsum(a: torch.Tensor) -> torch.Tensor:
    return a @ torch.where(torch.arange(len(a)) - torch.arange(len(a))[:, None] >= 0, 1, 0)
