# style: torch.autograd.grad instead of .backward()/.grad, the constant made with torch.no_grad()
import torch


def duck_lesson(x, w, lr):
    w = w.clone().requires_grad_(True)
    with torch.no_grad():
        s = torch.sigmoid(w)
    loss = torch.sum(s * torch.tanh(w * x).pow(2))
    (grad,) = torch.autograd.grad(loss, w)
    with torch.no_grad():
        w_next = w - lr * grad
    return loss.detach(), grad, w_next
