# expect: values | expected
# Wrong: reshapes to [B, C, H, W] instead of permuting, so the shape is right and the pixels
# are scrambled.
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    B, _, H, W, C = scan.shape
    pages = scan.squeeze(1)
    chw = pages.reshape(B, C, H, W)
    flat = chw.reshape(B, -1)
    tint_map = tint.view(1, -1, 1, 1).expand_as(chw)
    return pages, chw, flat, tint_map, chw.is_contiguous()
