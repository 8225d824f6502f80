# expect: values | off by 1
# Wrong: starts at the second book of each shelf (`1::2`) instead of the first (`::2`).
import torch


def surgery(stacks: torch.Tensor):
    spine = stacks[:, -1]
    odd = stacks[1:, 1::2]
    halves = torch.stack(stacks.chunk(2, dim=1))
    bookends = torch.cat([stacks[0], stacks[-1]])
    return spine, odd, halves, bookends
