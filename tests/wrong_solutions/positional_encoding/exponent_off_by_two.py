# expect: values | three tokens
# Wrong: uses 10000 ** (i / D) with i = 0, 1, 2, ... instead of 10000 ** (2i / D), so the
# frequencies fall off only half as fast as they should.
import math

import torch


def embed(tokens: torch.Tensor, table: torch.Tensor, start: int):
    length, dim = tokens.shape[1], table.shape[1]
    pos = torch.arange(start, start + length, dtype=table.dtype, device=table.device)[:, None]
    freq = 10000.0 ** (-torch.arange(dim // 2, dtype=table.dtype, device=table.device) / dim)
    angle = pos * freq
    pe = torch.stack([angle.sin(), angle.cos()], dim=-1).flatten(1)
    return table[tokens] * math.sqrt(dim) + pe
