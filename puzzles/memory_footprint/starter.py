import torch


def ledger(x: torch.Tensor, budget: int):
    # First entry of the ledger: how much does x weigh? (Careful: not every dtype is 4 bytes.)
    size = x.numel() * 4
    # Every operation copies, surely? ...Surely?
    return {
        "bytes": size,
        "t": size,
        "t_contiguous": size,
        "flat": size,
        "t_flat": size,
        "every_other_row": size,
        "half": size,
        "fit": x.float(),
    }
