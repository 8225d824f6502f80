# expect: values | answer[0]
# Wrong: back-propagates each micro-batch's mean as it is, so the accumulated gradient (and
# loss) is the SUM of the micro-batch means: about (number of micro-batches) times too big.
import torch


def accumulate(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor, micro: int):
    w = w.detach().clone().requires_grad_()
    b = b.detach().clone().requires_grad_()
    total = torch.zeros((), dtype=x.dtype, device=x.device)
    for start in range(0, x.shape[0], micro):
        xb, yb = x[start : start + micro], y[start : start + micro]
        loss = ((xb @ w + b - yb) ** 2).mean()
        loss.backward()
        total += loss.detach()
    return total, w.grad, b.grad
