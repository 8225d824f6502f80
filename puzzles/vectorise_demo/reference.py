import torch


def compatibility(x: torch.Tensor, m: torch.Tensor, c: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("nf,kfg,ng->nk", x, m, x) - ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1) + b
