# expect: values | demo data
# Wrong: "nf,kff,nf->nk" only uses the diagonal of each m[k] (f == g), dropping the cross terms.
import torch


def compatibility(x, m, c, b):
    quad = torch.einsum("nf,kff,nf->nk", x, m, x)
    return quad - ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1) + b
