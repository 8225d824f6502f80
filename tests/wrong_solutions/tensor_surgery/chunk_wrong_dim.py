# expect: exception | stack expects
# Wrong: chunk defaults to dim 0, so it cuts the shelves (rows) in half instead of the books
# (columns); with an odd number of shelves the pieces differ and stack fails.
import torch


def surgery(stacks: torch.Tensor):
    spine = stacks[:, -1]
    odd = stacks[1:, ::2]
    halves = torch.stack(stacks.chunk(2))
    bookends = torch.cat([stacks[0], stacks[-1]])
    return spine, odd, halves, bookends
