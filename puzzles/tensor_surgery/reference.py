import torch


def surgery(stacks: torch.Tensor):
    halves = torch.stack(stacks.chunk(2, dim=1))
    bookends = torch.cat([stacks[0], stacks[-1]])
    return stacks[:, -1], stacks[1:, ::2], halves, bookends
