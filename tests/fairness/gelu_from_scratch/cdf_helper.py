# style: a helper returning Phi for each form, erfc for the exact one, torch.where-free dispatch
import math

import torch


def _phi(x: torch.Tensor, approximate: str) -> torch.Tensor:
    if approximate == "tanh":
        c = math.sqrt(2.0 / math.pi)
        return (1.0 + torch.tanh(c * x * (1.0 + 0.044715 * x * x))) / 2.0
    return torch.special.erfc(-x * (0.5**0.5)) / 2.0


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    return x * _phi(x, approximate)
