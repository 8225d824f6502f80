import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    # Ada's loops, translated letter by letter... almost.
    q = torch.einsum("ble,hed->blhd", x, w_q)
    k = torch.einsum("ble,hed->blhd", x, w_k)
    scores = torch.einsum("blhd,blhd->bhl", q, k)
    own = torch.einsum("bhl->bh", scores)
    return q, scores, own
