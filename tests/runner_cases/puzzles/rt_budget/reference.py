import torch


def norm(x):
    return torch.linalg.vector_norm(x)
