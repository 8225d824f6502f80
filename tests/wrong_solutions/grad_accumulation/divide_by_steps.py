# expect: values | answer[0]
# Wrong: divides each micro-batch mean by the number of micro-batches. That is right only
# when every micro-batch has the same size; a short last micro-batch gets too much weight.
import math

import torch


def accumulate(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor, micro: int):
    w = w.detach().clone().requires_grad_()
    b = b.detach().clone().requires_grad_()
    steps = math.ceil(x.shape[0] / micro)
    total = torch.zeros((), dtype=x.dtype, device=x.device)
    for start in range(0, x.shape[0], micro):
        xb, yb = x[start : start + micro], y[start : start + micro]
        loss = ((xb @ w + b - yb) ** 2).mean() / steps
        loss.backward()
        total += loss.detach()
    return total, w.grad, b.grad
