import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    B, _, H, W, C = scan.shape
    pages = scan.squeeze()  # away with every dull little 1!
    chw = pages.reshape(B, C, H, W)  # the right shape... is it the right metamorphosis?
    flat = chw.view(B, -1)
    tint_map = tint.expand(B, C, H, W)
    viewable = True
    return pages, chw, flat, tint_map, viewable
