# expect: values | values
# Wrong: `- 1` moves everyone the other way: entry i is a[i - 1].
import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return a[(torch.arange(len(a)) - 1) % len(a)]
