import math

import torch


def lr_at(steps: torch.Tensor, base_lr: float, warmup: int, total: int, floor: float) -> torch.Tensor:
    s = steps.to(torch.float32)
    rising = base_lr * s / max(warmup, 1)
    progress = ((s - warmup) / (total - warmup)).clamp(0.0, 1.0)
    falling = floor + (base_lr - floor) * 0.5 * (1.0 + torch.cos(math.pi * progress))
    return torch.where(s < warmup, rising, falling)
