import math

import torch

_C = math.sqrt(2.0 / math.pi)


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    if approximate == "tanh":
        # 0.5 * (1 + tanh(z)) == sigmoid(2 z), with z = C * (x + 0.044715 x^3) = x * (C + C k x^2)
        return x * torch.sigmoid(x * (2 * _C + 2 * _C * 0.044715 * x * x))
    return x * torch.special.ndtr(x)  # ndtr is Phi, the standard normal CDF
