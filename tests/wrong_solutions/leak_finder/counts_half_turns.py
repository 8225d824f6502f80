# expect: values | expected False, got True
# Wrong: also counts 180-degree turns (both flips at once) as leaks, which the brief excludes.
import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    pool = torch.cat([train, train.flip(-1), train.flip(-2), train.flip(-1, -2)]).flatten(1)
    same = test.flatten(1)[:, None, :] == pool[None, :, :]
    return same.all(dim=2).any(dim=1)
