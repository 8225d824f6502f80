# style: the textbook formulas with torch.erf and torch.tanh, no sigmoid identity
import math

import torch


def gelu(x, approximate="none"):
    if approximate == "tanh":
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * torch.pow(x, 3))
        return 0.5 * x * (1 + torch.tanh(inner))
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
