# style: a helper comparing data_ptr() of the results with x's, built in a loop over named ops
import torch


def _new_bytes(y: torch.Tensor, x: torch.Tensor) -> int:
    return 0 if y.data_ptr() == x.data_ptr() else y.nelement() * y.element_size()


def ledger(x: torch.Tensor, budget: int):
    ops = {
        "t": lambda a: a.t(),
        "t_contiguous": lambda a: a.t().contiguous(),
        "flat": lambda a: a.reshape(-1),
        "t_flat": lambda a: a.t().reshape(-1),
        "every_other_row": lambda a: a[::2].contiguous(),
        "half": lambda a: a.to(torch.float16),
    }
    out = {"bytes": x.nelement() * x.element_size()}
    for name, op in ops.items():
        out[name] = _new_bytes(op(x), x)
    options = [
        d
        for d in (torch.float64, torch.float32, torch.float16)
        if x.nelement() * torch.empty((), dtype=d).element_size() <= budget
    ]
    out["fit"] = x.to(options[0])
    return out
