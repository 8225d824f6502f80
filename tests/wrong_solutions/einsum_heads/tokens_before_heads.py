# expect: shape | shape
# Wrong: keeps the tokens before the heads in q (`blhd`), so q has the wrong shape.
import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    q = torch.einsum("ble,hed->blhd", x, w_q)
    k = torch.einsum("ble,hed->blhd", x, w_k)
    scores = torch.einsum("blhd,bmhd->bhlm", q, k) / math.sqrt(w_q.shape[-1])
    own = torch.einsum("bhll->bhl", scores)
    return q, scores, own
