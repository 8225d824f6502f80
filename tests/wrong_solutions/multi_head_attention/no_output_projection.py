# expect: values | out_proj.weight
# Wrong: merges the heads but forgets the output projection (out_proj), so the heads' reports
# are never mixed together.
import torch
import torch.nn.functional as F


def mha(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor,
        causal: bool):
    b, length, e = x.shape
    q, k, v = F.linear(x, weights["in_proj_weight"], weights["in_proj_bias"]).chunk(3, dim=-1)

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.view(b, length, num_heads, e // num_heads).transpose(1, 2)

    allowed = keep[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
    heads = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=allowed)
    return heads.transpose(1, 2).reshape(b, length, e)
