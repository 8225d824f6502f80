# style: arithmetic with boolean phase masks instead of torch.where, and a helper for the cosine
import math

import torch


def _cosine(p: torch.Tensor, base_lr: float, floor: float) -> torch.Tensor:
    return floor + (base_lr - floor) * 0.5 * (1 + torch.cos(p * math.pi))


def lr_at(
    steps: torch.Tensor, base_lr: float, warmup: int, total: int, floor: float
) -> torch.Tensor:
    s = steps.float()
    in_warmup = (s < warmup).float()
    after = (s > total).float()
    p = ((s - warmup) / (total - warmup)).clamp(0, 1)
    climb = base_lr * s / max(warmup, 1)
    return in_warmup * climb + (1 - in_warmup) * (
        (1 - after) * _cosine(p, base_lr, floor) + after * floor
    )
