# expect: rule | operator
# Wrong: the drill allows the operator `*`, not the method `.mul()`.
import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, None].mul(b[None, :])
