# expect: values | answer[1]
# Wrong: `s` is not detached, so autograd also differentiates through sigmoid(w) and the
# gradient (and the step) pick up an extra term.
import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    w = w.detach().clone().requires_grad_(True)
    s = torch.sigmoid(w)
    loss = (s * torch.tanh(w * x) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w_next = w - lr * w.grad
    return loss.detach(), w.grad, w_next
