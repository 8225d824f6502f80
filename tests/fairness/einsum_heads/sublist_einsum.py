# style: einsum's sublist form (integers instead of letters), queries and keys projected in one stacked einsum
import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    B, L, E, H, D, M, S = 0, 1, 2, 3, 4, 5, 6
    qk = torch.einsum(x, [B, L, E], torch.stack([w_q, w_k]), [S, H, E, D], [S, B, H, L, D])
    q, k = qk[0], qk[1]
    scores = torch.einsum(q, [B, H, L, D], k, [B, H, M, D], [B, H, L, M]) * w_q.shape[-1] ** -0.5
    own = torch.einsum(scores, [B, H, L, L], [B, H, L])
    return q, scores, own
