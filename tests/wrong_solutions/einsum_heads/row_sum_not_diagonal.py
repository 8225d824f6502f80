# expect: values | expected
# Wrong: sums each row of the scores instead of taking the diagonal.
import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    q = torch.einsum("ble,hed->bhld", x, w_q)
    k = torch.einsum("ble,hed->bhld", x, w_k)
    scores = torch.einsum("bhld,bhmd->bhlm", q, k) / math.sqrt(w_q.shape[-1])
    own = torch.einsum("bhlm->bhl", scores)
    return q, scores, own
