# style: computed in float64 with torch.where chains, cast to float32 at the very end
import math

import torch


def lr_at(steps, base_lr, warmup, total, floor):
    s = steps.double()
    warm = base_lr * s / warmup if warmup > 0 else torch.zeros_like(s)
    p = torch.clamp((s - warmup) / (total - warmup), max=1.0)
    decay = floor + (base_lr - floor) * (1 + torch.cos(math.pi * p)) / 2
    return torch.where(s < warmup, warm, decay).float()
