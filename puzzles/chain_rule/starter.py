import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    # Backprop is listening, apprentice. Tell him where the gradient flows... and where it must not.
    s = torch.sigmoid(w)
    loss = (s * torch.tanh(w * x) ** 2).sum()
    grad = torch.zeros_like(w)  # Surely autograd can do better than zeros?
    w_next = w - lr * grad
    return loss, grad, w_next
