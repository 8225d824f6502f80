# style: narrow, select and index_select instead of slicing; split instead of chunk
import torch


def surgery(stacks):
    shelves, books = stacks.shape
    last = stacks.select(1, books - 1)
    odd_rows = stacks.narrow(0, 1, shelves - 1)
    every_other = odd_rows.index_select(1, torch.arange(0, books, 2, device=stacks.device))
    halves = torch.stack(torch.split(stacks, books // 2, dim=1))
    bookends = torch.cat((stacks.select(0, 0), stacks.select(0, shelves - 1)))
    return last, every_other, halves, bookends
