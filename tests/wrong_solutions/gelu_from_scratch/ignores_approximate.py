# expect: values | tanh form
# Wrong: always uses the exact erf form; the tanh form differs by up to about 5e-4, which is
# far outside the tolerance.
import math

import torch


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
