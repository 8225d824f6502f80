# style: index_select for the lookup, p / 10000 ** (2i / D) as written in the brief, cat + view interleave
import torch


def embed(tokens: torch.Tensor, table: torch.Tensor, start: int) -> torch.Tensor:
    b, length = tokens.shape
    d = table.shape[1]
    p = torch.arange(start, start + length, dtype=torch.float64, device=table.device).view(-1, 1)
    two_i = torch.arange(0, d, 2, dtype=torch.float64, device=table.device)
    angle = p / torch.pow(10000.0, two_i / d)
    pe = torch.cat([torch.sin(angle)[..., None], torch.cos(angle)[..., None]], dim=-1).view(
        length, d
    )
    rows = table.index_select(0, tokens.reshape(-1)).view(b, length, d)
    return rows * (d**0.5) + pe.to(table.dtype)
