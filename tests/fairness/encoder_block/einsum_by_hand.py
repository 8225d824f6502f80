# style: attention written out with einsum and a masked softmax instead of scaled_dot_product_attention
import math

import torch


def _norm(z, w):
    return z / torch.sqrt(torch.mean(z * z, dim=-1, keepdim=True) + 1e-6) * w


def encoder_block(x, weights, num_heads, keep):
    b, n, e = x.shape
    hd = e // num_heads
    z = _norm(x, weights["norm1.weight"])
    qkv = z @ weights["attn.in_proj_weight"].T + weights["attn.in_proj_bias"]
    q, k, v = qkv.reshape(b, n, 3, num_heads, hd).unbind(dim=2)
    scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(hd)
    scores = scores.masked_fill(~keep[:, None, None, :], float("-inf"))
    mixed = torch.einsum("bhqk,bkhd->bqhd", scores.softmax(dim=-1), v).reshape(b, n, e)
    h = x + mixed @ weights["attn.out_proj.weight"].T + weights["attn.out_proj.bias"]
    z = _norm(h, weights["norm2.weight"])
    hidden = z @ weights["mlp.0.weight"].T + weights["mlp.0.bias"]
    hidden = 0.5 * hidden * (1 + torch.erf(hidden / math.sqrt(2)))
    return h + hidden @ weights["mlp.2.weight"].T + weights["mlp.2.bias"]
