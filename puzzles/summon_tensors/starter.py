import torch


def summon(n: int, device: str):
    # The void is generous but literal. Shape, dtype and device, apprentice!
    ramp = torch.zeros(n, device=device)
    plate = torch.zeros(2, n)
    mirror = torch.zeros(n, n)
    return ramp, plate, mirror
