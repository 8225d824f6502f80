import math

import torch


def act(x):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
