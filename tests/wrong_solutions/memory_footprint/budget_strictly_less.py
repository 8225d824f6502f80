# expect: exception | StopIteration
# Wrong: demands strictly fewer bytes than the budget (`<`), so a copy that fits to the last
# byte is refused and a less precise dtype is chosen.
import torch


def ledger(x: torch.Tensor, budget: int):
    def new_bytes(y: torch.Tensor) -> int:
        if y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr():
            return 0
        return y.numel() * y.element_size()

    report = {"bytes": x.numel() * x.element_size()}
    for key, y in {
        "t": x.t(), "t_contiguous": x.t().contiguous(), "flat": x.reshape(-1),
        "t_flat": x.t().reshape(-1), "every_other_row": x[::2].contiguous(), "half": x.half(),
    }.items():
        report[key] = new_bytes(y)
    fit = next(d for d in (torch.float64, torch.float32, torch.float16) if x.numel() * d.itemsize < budget)
    report["fit"] = x.to(fit)
    return report
