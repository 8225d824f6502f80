import torch


def score(x, w):
    return (x * w.detach()).sum(-1)
