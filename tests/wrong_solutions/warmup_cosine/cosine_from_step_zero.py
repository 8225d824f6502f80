# expect: values | warmup 4
# Wrong: measures the cosine's progress from step 0 (`s / total`) instead of from the end of
# the warmup, so the decay starts below the peak.
import math

import torch


def lr_at(steps, base_lr, warmup, total, floor):
    s = steps.float()
    rising = base_lr * s / max(warmup, 1)
    p = (s / total).clamp(0, 1)
    falling = floor + (base_lr - floor) * 0.5 * (1 + torch.cos(math.pi * p))
    return torch.where(s < warmup, rising, falling)
