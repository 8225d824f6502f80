# style: answers reasoned from shapes and strides (is_contiguous) instead of comparing storages
import torch


def ledger(x, budget):
    rows, cols = x.shape
    size = x.element_size()
    total = x.numel() * size
    # x.t() is a view; making it contiguous copies unless it is already (one row or one column)
    t_copies = 0 if x.t().is_contiguous() else total
    half = 0 if x.dtype == torch.float16 else x.numel() * 2
    kept_rows = (rows + 1) // 2
    every_other = 0 if rows <= 2 or cols == 0 else kept_rows * cols * size
    for dtype in (torch.float64, torch.float32, torch.float16):
        if x.numel() * dtype.itemsize <= budget:
            break
    return {
        "bytes": total,
        "t": 0,
        "t_contiguous": t_copies,
        "flat": 0,
        "t_flat": t_copies,
        "every_other_row": every_other,
        "half": half,
        "fit": x.to(dtype),
    }
