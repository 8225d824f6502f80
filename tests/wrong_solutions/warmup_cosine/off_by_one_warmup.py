# expect: values | [0]
# Wrong: counts warmup steps from 1 (`(s + 1) / warmup`), so every warmup step is one step
# too hot and step 0 is not 0.
import math

import torch


def lr_at(steps, base_lr, warmup, total, floor):
    s = steps.float()
    rising = base_lr * (s + 1) / max(warmup, 1)
    p = ((s - warmup) / (total - warmup)).clamp(0, 1)
    falling = floor + (base_lr - floor) * 0.5 * (1 + torch.cos(math.pi * p))
    return torch.where(s < warmup, rising, falling)
