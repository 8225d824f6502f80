# expect: memory | budget
# Wrong: computes the gradient of the whole batch in one go. The numbers are right, but the
# whole batch's intermediate tensors blow the 8,192-byte memory budget on the big hidden cases.
import torch


def accumulate(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor, micro: int):
    w = w.detach().clone().requires_grad_()
    b = b.detach().clone().requires_grad_()
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward()
    return loss.detach(), w.grad, b.grad
