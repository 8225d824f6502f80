# style: reshape/permute views for the halves and flatten for the bookends
import torch


def surgery(stacks: torch.Tensor):
    s, b = stacks.shape
    halves = stacks.reshape(s, 2, b // 2).permute(1, 0, 2)
    bookends = stacks[[0, -1]].flatten()
    return stacks[:, b - 1], stacks[1:][:, 0::2], halves, bookends
