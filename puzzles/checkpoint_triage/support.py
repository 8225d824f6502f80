"""Colossus Mini v2, OneAI's triage model, exactly as the new release defines it.

`Triage(d_in, width, d_out)`: an encoder, a LayerNorm (new in v2) and a head. v1 called the
encoder `enc`, had no norm, and carried a `aux` branch (with an encoder of its own) and a `temperature` that v2 dropped.
"""

import torch
from torch import nn


class Triage(nn.Module):
    def __init__(self, d_in: int, width: int, d_out: int) -> None:
        super().__init__()
        self.encoder = nn.Linear(d_in, width)
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.norm(self.encoder(x))))
