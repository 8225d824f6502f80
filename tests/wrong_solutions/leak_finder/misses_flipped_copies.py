# expect: values | expected True, got False
# Wrong: only looks for exact copies, so every flipped leak slips through, just as Hammer hoped.
import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    same = test.flatten(1)[:, None, :] == train.flatten(1)[None, :, :]
    return same.all(dim=2).any(dim=1)
