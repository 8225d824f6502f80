# style: one matmul for q|k|v, unflatten/movedim for heads, torch.softmax, a helper for the mask
import torch


def _allowed(keep: torch.Tensor, n: int, causal: bool) -> torch.Tensor:
    mask = keep.unsqueeze(1).unsqueeze(2)
    if causal:
        rows = torch.arange(n, device=keep.device)
        mask = mask & (rows.unsqueeze(0) <= rows.unsqueeze(1))
    return mask


def mha(x, weights, num_heads, keep, causal):
    b, n, e = x.shape
    qkv = torch.matmul(x, weights["in_proj_weight"].t()) + weights["in_proj_bias"]
    qkv = qkv.unflatten(-1, (3, num_heads, e // num_heads)).movedim(1, -2)  # [B, 3, H, L, hd]
    q, k, v = qkv.unbind(1)
    scores = q @ k.transpose(-2, -1) * (e // num_heads) ** -0.5
    scores = scores.masked_fill(~_allowed(keep, n, causal), float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v  # [B, H, L, hd]
    out = out.movedim(1, 2).flatten(2)
    return out @ weights["out_proj.weight"].t() + weights["out_proj.bias"]
