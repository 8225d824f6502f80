# expect: values | two heads
# Wrong: splits heads by viewing [B, L, E] straight as [B, H, L, E/H]. The memory is laid out
# token by token, so each "head" ends up holding slices of several tokens: heads and tokens mixed.
import torch
import torch.nn.functional as F


def mha(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor,
        causal: bool):
    b, length, e = x.shape
    q, k, v = F.linear(x, weights["in_proj_weight"], weights["in_proj_bias"]).chunk(3, dim=-1)

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.reshape(b, num_heads, length, e // num_heads)

    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
    heads = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=allowed)
    merged = heads.reshape(b, length, e)
    return F.linear(merged, weights["out_proj.weight"], weights["out_proj.bias"])
