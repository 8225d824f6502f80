# expect: values | True
# Wrong: assumes a permuted tensor can never be viewed; with one channel (or one pixel) it can.
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    pages = scan.squeeze(1)
    chw = pages.permute(0, 3, 1, 2)
    flat = chw.reshape(chw.shape[0], -1)
    tint_map = tint.view(1, -1, 1, 1).expand_as(chw)
    return pages, chw, flat, tint_map, False
