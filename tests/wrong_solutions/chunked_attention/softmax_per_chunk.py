# expect: values | investor demo
# Wrong: normalises each chunk on its own and averages the chunks, as if every chunk deserved
# the same total weight; the softmax must run over ALL keys together.
import math

import torch


def chunked_attention(q, k, v):
    scale = 1 / math.sqrt(q.shape[-1])
    acc = torch.zeros((*q.shape[:2], v.shape[-1]), dtype=q.dtype, device=q.device)
    chunks = 0
    for start in range(0, k.shape[1], 128):
        scores = q @ k[:, start : start + 128].transpose(1, 2) * scale
        acc = acc + torch.softmax(scores, dim=-1) @ v[:, start : start + 128]
        chunks += 1
    return acc / chunks
