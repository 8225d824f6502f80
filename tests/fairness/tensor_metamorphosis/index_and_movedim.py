# style: indexing away the stray dim, movedim, flatten, None-indexing and a try/except probe
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    pages = scan[:, 0]
    chw = pages.movedim(-1, 1)
    flat = chw.flatten(start_dim=1)
    tint_map = tint[None, :, None, None].expand(chw.shape)
    try:
        chw.view(chw.shape[0], -1)
        viewable = True
    except RuntimeError:
        viewable = False
    return pages, chw, flat, tint_map, viewable
