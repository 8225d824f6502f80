# style: len(a) for the size instead of a.shape[0]
import torch


def diag(a):
    return a[torch.arange(len(a)), torch.arange(len(a))]
