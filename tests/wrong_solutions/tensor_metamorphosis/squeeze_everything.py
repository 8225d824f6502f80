# expect: exception | permute
# Wrong: a bare `squeeze()` also removes a batch of one, a single row or a single channel.
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    pages = scan.squeeze()
    chw = pages.permute(0, 3, 1, 2)
    flat = chw.reshape(chw.shape[0], -1)
    tint_map = tint.view(1, -1, 1, 1).expand_as(chw)
    return pages, chw, flat, tint_map, chw.is_contiguous()
