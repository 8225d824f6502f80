# expect: rule | gelu
# Wrong: calls the forbidden built-in GELU through an alias; the rules must catch it.
import torch.nn.functional as F


def gelu(x, approximate="none"):
    return F.gelu(x, approximate=approximate)
