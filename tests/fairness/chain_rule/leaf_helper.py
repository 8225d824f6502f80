# style: a helper makes the leaf; the step is done in place on a detached copy with sub_
import torch


def _leaf(t: torch.Tensor) -> torch.Tensor:
    return t.detach().clone().requires_grad_()


def duck_lesson(x, w, lr):
    leaf = _leaf(w)
    constant = leaf.sigmoid().detach()
    loss = (constant * leaf.mul(x).tanh().square()).sum()
    loss.backward()
    grad = leaf.grad.detach()
    w_next = leaf.detach().clone()
    w_next.sub_(lr * grad)
    return loss.detach(), grad, w_next
