# style: angles in the table's own dtype, frequencies as exp(-log(10000) * 2i / D), even/odd slices
import math

import torch


def embed(tokens, table, start):
    d = table.shape[1]
    pos = torch.arange(start, start + tokens.shape[1], device=table.device).to(table.dtype)
    freq = torch.exp(
        torch.arange(0, d, 2, device=table.device).to(table.dtype) * (-math.log(10000.0) / d)
    )
    angle = pos.unsqueeze(1) * freq.unsqueeze(0)
    pe = torch.empty(tokens.shape[1], d, dtype=table.dtype, device=table.device)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return torch.nn.functional.embedding(tokens, table) * d**0.5 + pe
