# style: torch.empty + in-place fill_ and fill_diagonal_, a linspace cast to int64
import torch


def summon(n: int, device: str):
    ramp = torch.linspace(0, n - 1, n, device=device).round().long()
    plate = torch.empty((2, n), dtype=torch.float16, device=device).fill_(0.5)
    mirror = torch.zeros(n, n, dtype=torch.float64, device=device).fill_diagonal_(1.0)
    return ramp, plate, mirror
