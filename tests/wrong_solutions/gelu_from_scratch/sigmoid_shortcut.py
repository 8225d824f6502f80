# expect: values | exact form
# Wrong: x * sigmoid(1.702 x) is a third, cruder approximation; it matches neither form.
import torch


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    return x * torch.sigmoid(1.702 * x)
