# expect: values | scale
# Wrong: scales by sqrt(E), the model width, instead of sqrt(D), the head width.
import math

import torch


def head_scores(x: torch.Tensor, w_q: torch.Tensor, w_k: torch.Tensor):
    q = torch.einsum("ble,hed->bhld", x, w_q)
    k = torch.einsum("ble,hed->bhld", x, w_k)
    scores = torch.einsum("bhld,bhmd->bhlm", q, k) / math.sqrt(x.shape[-1])
    own = torch.einsum("bhll->bhl", scores)
    return q, scores, own
