# style: the mask turned into integers by multiplying by 1 instead of torch.where
import torch


def eye(n: int) -> torch.Tensor:
    return (torch.arange(n)[:, None] == torch.arange(n)) * 1
