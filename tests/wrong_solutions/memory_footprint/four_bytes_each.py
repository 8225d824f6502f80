# expect: values | half
# Wrong: assumes every element takes 4 bytes (float32), so every dtype other than float32
# and int32 is mis-weighed.
import torch


def ledger(x: torch.Tensor, budget: int):
    def new_bytes(y: torch.Tensor) -> int:
        if y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr():
            return 0
        return y.numel() * 4

    report = {"bytes": x.numel() * 4}
    for key, y in {
        "t": x.t(), "t_contiguous": x.t().contiguous(), "flat": x.reshape(-1),
        "t_flat": x.t().reshape(-1), "every_other_row": x[::2].contiguous(), "half": x.half(),
    }.items():
        report[key] = new_bytes(y)
    fit = next(d for d in (torch.float64, torch.float32, torch.float16) if x.numel() * d.itemsize <= budget)
    report["fit"] = x.to(fit)
    return report
