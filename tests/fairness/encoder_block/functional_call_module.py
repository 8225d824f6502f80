# style: nn.Linear modules run with the given tensors through torch.func.functional_call
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call


def _rms(z, w):
    return z * (z.pow(2).mean(-1, keepdim=True) + 1e-6).rsqrt() * w


def encoder_block(x, weights, num_heads, keep):
    b, n, e = x.shape
    f = weights["mlp.0.weight"].shape[0]
    with torch.device("meta"):
        mlp = nn.Sequential(nn.Linear(e, f), nn.GELU(), nn.Linear(f, e))
    mlp_weights = {
        "0.weight": weights["mlp.0.weight"],
        "0.bias": weights["mlp.0.bias"],
        "2.weight": weights["mlp.2.weight"],
        "2.bias": weights["mlp.2.bias"],
    }
    q, k, v = F.linear(
        _rms(x, weights["norm1.weight"]),
        weights["attn.in_proj_weight"],
        weights["attn.in_proj_bias"],
    ).split(e, dim=-1)
    heads = lambda t: t.unflatten(-1, (num_heads, e // num_heads)).transpose(1, 2)
    att = F.scaled_dot_product_attention(
        heads(q), heads(k), heads(v), attn_mask=keep[:, None, None, :]
    )
    h = x + F.linear(
        att.transpose(1, 2).flatten(2),
        weights["attn.out_proj.weight"],
        weights["attn.out_proj.bias"],
    )
    return h + functional_call(mlp, mlp_weights, (_rms(h, weights["norm2.weight"]),))
