import torch


def score(x, w):
    return (x * w).sum(-1)
