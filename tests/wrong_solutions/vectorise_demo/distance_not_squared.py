# expect: values | two patients
# Wrong: subtracts the plain distance (a square root) instead of the squared distance.
import torch


def compatibility(x, m, c, b):
    return torch.einsum("nf,kfg,ng->nk", x, m, x) - torch.cdist(x, c) + b
