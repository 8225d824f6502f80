# expect: values | reshape
# Wrong: flattens `pages` (pixel-major) instead of `chw` (channel-major).
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    pages = scan.squeeze(1)
    chw = pages.permute(0, 3, 1, 2)
    flat = pages.reshape(pages.shape[0], -1)
    tint_map = tint.view(1, -1, 1, 1).expand_as(chw)
    return pages, chw, flat, tint_map, chw.is_contiguous()
