# style: no einsum at all - broadcasting products summed over the right dim, the diagonal picked with an identity mask
import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    xs = x[:, None, :, :, None]  # [B, 1, L, E, 1]
    q = (xs * w_q[None, :, None, :, :]).sum(3)  # [B, H, L, D]
    k = (xs * w_k[None, :, None, :, :]).sum(3)
    scores = (q[:, :, :, None, :] * k[:, :, None, :, :]).sum(-1) / math.sqrt(q.shape[-1])
    eye = torch.eye(scores.shape[-1], dtype=scores.dtype, device=scores.device)
    own = (scores * eye).sum(-1)
    return q, scores, own
