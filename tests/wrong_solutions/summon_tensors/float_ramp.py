# expect: dtype | int64
# Wrong: `torch.linspace` counts in floats (float32), and the ramp must be int64.
import torch


def summon(n: int, device: str):
    ramp = torch.linspace(0, n - 1, n, device=device)
    plate = torch.full((2, n), 0.5, dtype=torch.float16, device=device)
    mirror = torch.eye(n, dtype=torch.float64, device=device)
    return ramp, plate, mirror
