# style: two transposes, an explicit contiguous copy before view, broadcasting instead of expand
import torch


def metamorphose(scan: torch.Tensor, tint: torch.Tensor):
    b, _, h, w, c = scan.shape
    pages = scan.reshape(b, h, w, c)
    chw = pages.transpose(1, 3).transpose(2, 3)
    flat = chw.contiguous().view(b, c * h * w)
    tint_map = torch.zeros_like(chw) + tint.reshape(c, 1, 1)
    viewable = chw.stride() == chw.contiguous().stride() or c * h * w == 0
    return pages, chw, flat, tint_map, bool(viewable)
