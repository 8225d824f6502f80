# expect: values | answer[1]
# Wrong: zeroes the gradients before every micro-batch (a habit from the usual training loop),
# so only the last micro-batch's contribution survives: nothing accumulates.
import torch


def accumulate(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor, micro: int):
    w = w.detach().clone().requires_grad_()
    b = b.detach().clone().requires_grad_()
    n = x.shape[0]
    total = torch.zeros((), dtype=x.dtype, device=x.device)
    for start in range(0, n, micro):
        w.grad = None
        b.grad = None
        xb, yb = x[start : start + micro], y[start : start + micro]
        loss = ((xb @ w + b - yb) ** 2).mean() * (xb.shape[0] / n)
        loss.backward()
        total += loss.detach()
    return total, w.grad, b.grad
