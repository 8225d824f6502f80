# style: one-hot rows picked out of the identity from the toolbox (Drill 5's eye)
import torch
from tools import eye


def bincount(a: torch.Tensor, n: int) -> torch.Tensor:
    return torch.where(a == a, 1, 0) @ eye(n)[a]
