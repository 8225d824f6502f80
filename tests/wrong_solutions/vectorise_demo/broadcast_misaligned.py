# expect: exception | broadcast
# Wrong: `x[None] - c[:, None]` broadcasts to [K, N, F], so the distances come out as [K, N]
# and are transposed onto the [N, K] answer (it only runs when N == K... and is wrong then).
import torch


def compatibility(x, m, c, b):
    dist = ((x[None, :, :] - c[:, None, :]) ** 2).sum(-1)
    return torch.einsum("nf,kfg,ng->nk", x, m, x) - dist + b
