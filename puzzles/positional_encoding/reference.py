import math

import torch


def embed(tokens: torch.Tensor, table: torch.Tensor, start: int):
    length, dim = tokens.shape[1], table.shape[1]
    # Angles in float64: positions in the hundreds times tiny frequencies lose digits in float32.
    pos = torch.arange(start, start + length, dtype=torch.float64, device=table.device)
    freq = 10000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64, device=table.device) / dim)
    angle = pos[:, None] * freq  # [L, D/2]
    pe = torch.stack([angle.sin(), angle.cos()], dim=-1).flatten(1)  # sin, cos, sin, cos, ...
    return table[tokens] * math.sqrt(dim) + pe.to(table.dtype)
