# style: key-chunked online softmax written with einsum and a helper that merges two partial states
import math

import torch


def _merge(state, scores, values):
    best, total, acc = state
    new_best = torch.maximum(best, scores.amax(dim=-1))
    fade = torch.exp(best - new_best)
    w = torch.exp(scores - new_best[..., None])
    total = total * fade + w.sum(dim=-1)
    acc = acc * fade[..., None] + torch.einsum("bqk,bkv->bqv", w, values)
    return new_best, total, acc


def chunked_attention(q, k, v):
    b, lq, d = q.shape
    chunk = 64
    state = (
        torch.full((b, lq), float("-inf"), dtype=q.dtype),
        torch.zeros((b, lq), dtype=q.dtype),
        torch.zeros((b, lq, v.shape[-1]), dtype=q.dtype),
    )
    state = tuple(t.to(q.device) for t in state)
    for start in range(0, k.shape[1], chunk):
        scores = torch.einsum("bqd,bkd->bqk", q, k[:, start : start + chunk]) / math.sqrt(d)
        state = _merge(state, scores, v[:, start : start + chunk])
    return state[2] / state[1][..., None]
