# style: shared factory keyword arguments, torch.ones scaled and torch.diag of ones
import torch


def summon(n, device):
    on = {"device": device}
    ramp = torch.arange(0, n, 1, dtype=torch.int64, **on)
    plate = torch.ones(2, n, dtype=torch.float16, **on) / 2
    mirror = torch.diag(torch.ones(n, dtype=torch.float64, **on))
    return ramp, plate, mirror
