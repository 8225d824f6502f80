# expect: values | exact form
# Wrong: divides by 2 instead of sqrt(2) inside erf, so Phi is the CDF of the wrong normal.
import math

import torch


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    if approximate == "tanh":
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + torch.erf(x / 2))
