# expect: values | values are off
# Wrong: calls backward a second time "to be sure"; gradients ACCUMULATE in .grad, so the
# returned gradient and step are doubled.
import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    w = w.detach().clone().requires_grad_(True)
    s = torch.sigmoid(w).detach()
    loss = (s * torch.tanh(w * x) ** 2).sum()
    loss.backward(retain_graph=True)
    loss.backward()
    with torch.no_grad():
        w_next = w - lr * w.grad
    return loss.detach(), w.grad, w_next
