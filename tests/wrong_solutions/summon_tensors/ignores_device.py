# expect: rule | device=device
# Wrong: right shapes, dtypes and values, but made wherever torch's default device is; the
# `device` argument is never used, so asked for "cuda" it would still answer on the CPU.
import torch


def summon(n: int, device: str):
    ramp = torch.arange(n)
    plate = torch.full((2, n), 0.5, dtype=torch.float16)
    mirror = torch.eye(n, dtype=torch.float64)
    return ramp, plate, mirror
