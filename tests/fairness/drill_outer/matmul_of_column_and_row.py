# style: a column @ a row (a matrix product of [n, 1] and [1, m]) instead of broadcasting *
import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, None] @ b[None, :]
