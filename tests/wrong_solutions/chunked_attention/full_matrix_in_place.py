# expect: memory | budget
# Wrong: the values are right and the softmax is done in place, but the full [B, Lq, Lk] score
# matrix still exists at once: 3 MiB or more, over the 2 MiB budget.
import math

import torch


def chunked_attention(q, k, v):
    scores = q @ k.transpose(1, 2)
    scores.mul_(1 / math.sqrt(q.shape[-1]))
    scores.sub_(scores.amax(-1, keepdim=True)).exp_()
    scores.div_(scores.sum(-1, keepdim=True))
    return scores @ v
