import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    w = w.detach().clone().requires_grad_(True)
    loss = (torch.sigmoid(w).detach() * torch.tanh(w * x) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        return loss.detach(), w.grad, w - lr * w.grad
