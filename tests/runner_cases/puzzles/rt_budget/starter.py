import torch


def norm(x):
    return (x * x).sum().sqrt()
