# expect: values | three tokens
# Wrong: adds the waves to the raw embeddings, forgetting to scale them by sqrt(D) first.
import torch


def embed(tokens: torch.Tensor, table: torch.Tensor, start: int):
    length, dim = tokens.shape[1], table.shape[1]
    pos = torch.arange(start, start + length, dtype=table.dtype, device=table.device)[:, None]
    freq = 10000.0 ** (-torch.arange(0, dim, 2, dtype=table.dtype, device=table.device) / dim)
    angle = pos * freq
    pe = torch.stack([angle.sin(), angle.cos()], dim=-1).flatten(1)
    return table[tokens] + pe
