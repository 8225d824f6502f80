# expect: values | every_other_row
# Wrong: reasons that a transposed matrix is never contiguous and that x[::2] always copies,
# which forgets size-1 dims: a transposed row or column, or a single remaining row, is still
# contiguous, so `.contiguous()` and `reshape` return views (0 new bytes).
import torch


def ledger(x: torch.Tensor, budget: int):
    size = x.numel() * x.element_size()
    rows = (x.shape[0] + 1) // 2
    fit = next(d for d in (torch.float64, torch.float32, torch.float16) if x.numel() * d.itemsize <= budget)
    return {
        "bytes": size,
        "t": 0,
        "t_contiguous": size,
        "flat": 0,
        "t_flat": size,
        "every_other_row": rows * x.shape[1] * x.element_size(),
        "half": 0 if x.dtype == torch.float16 else 2 * x.numel(),
        "fit": x.to(fit),
    }
