# style: einsum scores and a causal mask from comparing aranges (j <= i)
import torch


def attend(q, k, v, keep, causal):
    scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / q.shape[-1] ** 0.5
    allowed = keep.view(keep.shape[0], 1, 1, -1)
    if causal:
        i = torch.arange(q.shape[-2], device=q.device)
        j = torch.arange(k.shape[-2], device=q.device)
        allowed = allowed & (j[None, :] <= i[:, None])
    weights = scores.masked_fill(allowed.logical_not(), -torch.inf).softmax(-1)
    return torch.einsum("bhqk,bhkd->bhqd", weights, v)
