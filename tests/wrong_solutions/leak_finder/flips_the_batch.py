# expect: values | expected True, got False
# Wrong: `flip(0)` reverses the ORDER of the training images instead of flipping each image
# upside-down, so upside-down leaks are missed.
import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    pool = torch.cat([train, train.flip(-1), train.flip(0)]).flatten(1)
    same = test.flatten(1)[:, None, :] == pool[None, :, :]
    return same.all(dim=2).any(dim=1)
