# expect: values | three tokens
# Wrong: puts all the sines in the first half of the columns and all the cosines in the second
# half (a common variant elsewhere), instead of interleaving sin, cos, sin, cos.
import math

import torch


def embed(tokens: torch.Tensor, table: torch.Tensor, start: int):
    length, dim = tokens.shape[1], table.shape[1]
    pos = torch.arange(start, start + length, dtype=table.dtype, device=table.device)[:, None]
    freq = 10000.0 ** (-torch.arange(0, dim, 2, dtype=table.dtype, device=table.device) / dim)
    angle = pos * freq
    pe = torch.cat([angle.sin(), angle.cos()], dim=-1)
    return table[tokens] * math.sqrt(dim) + pe
