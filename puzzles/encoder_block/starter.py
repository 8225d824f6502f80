import torch
import torch.nn.functional as F


def rms_norm(z: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    # Root-mean-square of what? Over which dim? And where did epsilon go?
    return z / z.pow(2).mean().sqrt() * weight


def encoder_block(x: torch.Tensor, weights: dict[str, torch.Tensor], num_heads: int, keep: torch.Tensor):
    h = x  # TODO: x + attention(rms_norm(x, ...)): your army of heads goes here
    hidden = F.gelu(F.linear(rms_norm(h, weights["norm2.weight"]), weights["mlp.0.weight"], weights["mlp.0.bias"]))
    return h + F.linear(hidden, weights["mlp.2.weight"], weights["mlp.2.bias"])
