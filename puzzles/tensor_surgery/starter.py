import torch


def surgery(stacks: torch.Tensor):
    # The last column of every row... or is this the last row? Check the shapes, apprentice!
    spine = stacks[-1]
    odd = stacks[1:]
    halves = stacks
    bookends = stacks[0]
    return spine, odd, halves, bookends
