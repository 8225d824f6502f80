# expect: values | lonely token
# Wrong: a post-norm block (the 2017 original): normalises AFTER each residual addition,
# instead of normalising each sub-layer's input and leaving the residual stream raw.
import torch
import torch.nn.functional as F


def _attention(z: torch.Tensor, w: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor):
    b, length, e = z.shape
    q, k, v = F.linear(z, w["attn.in_proj_weight"], w["attn.in_proj_bias"]).chunk(3, dim=-1)

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.view(b, length, num_heads, e // num_heads).transpose(1, 2)

    heads = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=keep[:, None, None, :])
    merged = heads.transpose(1, 2).reshape(b, length, e)
    return F.linear(merged, w["attn.out_proj.weight"], w["attn.out_proj.bias"])


def _mlp(z: torch.Tensor, w: dict[str, torch.Tensor]) -> torch.Tensor:
    return F.linear(F.gelu(F.linear(z, w["mlp.0.weight"], w["mlp.0.bias"])), w["mlp.2.weight"], w["mlp.2.bias"])


def _rms_norm(z: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return z * torch.rsqrt(z.pow(2).mean(dim=-1, keepdim=True) + 1e-6) * weight


def encoder_block(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor):
    h = _rms_norm(x + _attention(x, weights, num_heads, keep), weights["norm1.weight"])
    return _rms_norm(h + _mlp(h, weights), weights["norm2.weight"])
