# expect: type | graph attached
# Wrong: every number is right, but the gradient is taken with create_graph=True and nothing is
# detached, so all three results still carry autograd's graph (requires_grad=True).
import torch


def duck_lesson(x: torch.Tensor, w: torch.Tensor, lr: float):
    w = w.detach().clone().requires_grad_(True)
    loss = (torch.sigmoid(w).detach() * torch.tanh(w * x) ** 2).sum()
    (grad,) = torch.autograd.grad(loss, w, create_graph=True)
    return loss, grad, w - lr * grad
