# style: the mask turned into integers by multiplying by 1 instead of torch.where
import torch


def triu(n: int) -> torch.Tensor:
    return (torch.arange(n) >= torch.arange(n)[:, None]) * 1
