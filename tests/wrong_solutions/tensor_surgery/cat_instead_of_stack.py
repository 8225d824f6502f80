# expect: shape | reshape
# Wrong: `torch.cat` glues the halves along the existing row dim ([2R, C/2]) instead of
# stacking them on a new leading dim ([2, R, C/2]).
import torch


def surgery(stacks: torch.Tensor):
    spine = stacks[:, -1]
    odd = stacks[1:, ::2]
    halves = torch.cat(stacks.chunk(2, dim=1))
    bookends = torch.cat([stacks[0], stacks[-1]])
    return spine, odd, halves, bookends
