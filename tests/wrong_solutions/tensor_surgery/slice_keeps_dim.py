# expect: shape | squeeze
# Wrong: a slice `-1:` keeps the column dim, so the spine is [R, 1] instead of [R].
import torch


def surgery(stacks: torch.Tensor):
    spine = stacks[:, -1:]
    odd = stacks[1:, ::2]
    halves = torch.stack(stacks.chunk(2, dim=1))
    bookends = torch.cat([stacks[0], stacks[-1]])
    return spine, odd, halves, bookends
