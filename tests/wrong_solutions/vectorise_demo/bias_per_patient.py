# expect: exception | broadcast
# Wrong: adds b as a column (`b[:, None]`), i.e. per patient instead of per treatment; it only
# runs when N == K and is wrong then.
import torch


def compatibility(x, m, c, b):
    quad = torch.einsum("nf,kfg,ng->nk", x, m, x)
    return quad - ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1) + b[:, None]
