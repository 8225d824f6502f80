# expect: values | answer[2]
# Wrong: steps up the gradient (`w + lr * grad`), so the loss grows instead of shrinking.
import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    w = w.detach().clone().requires_grad_(True)
    s = torch.sigmoid(w).detach()
    loss = (s * torch.tanh(w * x) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w_next = w + lr * w.grad
    return loss.detach(), w.grad, w_next
