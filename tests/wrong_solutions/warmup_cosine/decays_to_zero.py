# expect: values | warmup 4
# Wrong: forgets the floor inside the cosine, so the decay glides to 0 and then jumps up to
# the floor after `total`.
import math

import torch


def lr_at(steps, base_lr, warmup, total, floor):
    s = steps.float()
    rising = base_lr * s / max(warmup, 1)
    p = (s - warmup) / (total - warmup)
    falling = base_lr * 0.5 * (1 + torch.cos(math.pi * p))
    return torch.where(s < warmup, rising, torch.where(s > total, floor, falling))
