# expect: shape | transpose
# Wrong: the plate has shape [n, 2]; the brief asks for [2, n].
import torch


def summon(n: int, device: str):
    ramp = torch.arange(n, device=device)
    plate = torch.full((n, 2), 0.5, dtype=torch.float16, device=device)
    mirror = torch.eye(n, dtype=torch.float64, device=device)
    return ramp, plate, mirror
