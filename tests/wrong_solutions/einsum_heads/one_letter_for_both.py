# expect: values | expected
# Wrong: one position letter for queries and keys, so every token is scored only against itself.
import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    q = torch.einsum("ble,hed->bhld", x, w_q)
    k = torch.einsum("ble,hed->bhld", x, w_k)
    scores = torch.einsum("bhld,bhld->bhl", q, k)[..., None].expand(-1, -1, -1, q.shape[2]) / math.sqrt(w_q.shape[-1])
    own = torch.einsum("bhll->bhl", scores)
    return q, scores, own
