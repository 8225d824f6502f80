# expect: shape | shape
# Wrong: b stands up and a lies down, so the answer is [m, n] instead of [n, m].
import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return b[:, None] * a[None, :]
