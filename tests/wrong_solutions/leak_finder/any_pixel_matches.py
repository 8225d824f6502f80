# expect: values | expected False, got True
# Wrong: `any` over the pixels instead of `all`: two images "match" when a single pixel agrees.
import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    pool = torch.cat([train, train.flip(-1), train.flip(-2)]).flatten(1)
    same = test.flatten(1)[:, None, :] == pool[None, :, :]
    return same.any(dim=2).any(dim=1)
