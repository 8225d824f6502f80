import torch


def lr_at(steps: torch.Tensor, base_lr: float, warmup: int, total: int, floor: float) -> torch.Tensor:
    # Phase one, the gentle climb, is here. Phase two... the CEO said "just keep it at max".
    s = steps.float()
    return torch.clamp(base_lr * s / warmup, max=base_lr)
