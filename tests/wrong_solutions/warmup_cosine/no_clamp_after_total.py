# expect: values | [13]
# Wrong: no clamp on the progress, so after `total` the cosine swings back up instead of
# resting at the floor.
import math

import torch


def lr_at(steps, base_lr, warmup, total, floor):
    s = steps.float()
    rising = base_lr * s / max(warmup, 1)
    p = (s - warmup) / (total - warmup)
    falling = floor + (base_lr - floor) * 0.5 * (1 + torch.cos(math.pi * p))
    return torch.where(s < warmup, rising, falling)
