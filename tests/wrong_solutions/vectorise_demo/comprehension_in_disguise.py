# expect: rule | comprehension
# Wrong: the values are right, but a list comprehension is a loop too, and the rules say so.
import torch


def compatibility(x, m, c, b):
    quad = torch.stack([(x @ m[k] * x).sum(-1) for k in range(m.shape[0])], dim=1)
    return quad - ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1) + b
