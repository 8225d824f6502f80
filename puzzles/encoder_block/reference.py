import torch
import torch.nn.functional as F

EPS = 1e-6


def _rms_norm(z: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return z * torch.rsqrt(z.pow(2).mean(dim=-1, keepdim=True) + EPS) * weight


def _attention(z: torch.Tensor, w: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor):
    b, length, e = z.shape
    q, k, v = F.linear(z, w["attn.in_proj_weight"], w["attn.in_proj_bias"]).chunk(3, dim=-1)

    def split(t: torch.Tensor) -> torch.Tensor:  # [B, L, E] -> [B, H, L, E/H]
        return t.view(b, length, num_heads, e // num_heads).transpose(1, 2)

    heads = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=keep[:, None, None, :])
    merged = heads.transpose(1, 2).reshape(b, length, e)
    return F.linear(merged, w["attn.out_proj.weight"], w["attn.out_proj.bias"])


def encoder_block(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor):
    # Pre-norm: each sub-layer reads a normalised copy, and its output is added to the raw stream.
    h = x + _attention(_rms_norm(x, weights["norm1.weight"]), weights, num_heads, keep)
    hidden = F.gelu(F.linear(_rms_norm(h, weights["norm2.weight"]), weights["mlp.0.weight"], weights["mlp.0.bias"]))
    return h + F.linear(hidden, weights["mlp.2.weight"], weights["mlp.2.bias"])
