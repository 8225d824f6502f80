import torch

PRECISIONS = (torch.float64, torch.float32, torch.float16)


def ledger(x: torch.Tensor, budget: int):
    def new_bytes(y: torch.Tensor) -> int:
        shared = y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
        return 0 if shared else y.numel() * y.element_size()

    results = {
        "t": x.t(),
        "t_contiguous": x.t().contiguous(),
        "flat": x.reshape(-1),
        "t_flat": x.t().reshape(-1),
        "every_other_row": x[::2].contiguous(),
        "half": x.half(),
    }
    report = {"bytes": x.numel() * x.element_size()}
    report.update({key: new_bytes(y) for key, y in results.items()})
    report["fit"] = x.to(next(d for d in PRECISIONS if x.numel() * d.itemsize <= budget))
    return report
