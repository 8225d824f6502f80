# style: autograd only for the task loss; the penalty's gradient lam * F * (theta - anchor) by hand
import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    w = params["weight"].detach().clone().requires_grad_(True)
    b = params["bias"].detach().clone().requires_grad_(True)
    task = torch.mean((torch.addmm(b, x, w.t()) - y) ** 2)
    task.backward()
    with torch.no_grad():
        penalty = sum((fisher[n] * (params[n] - anchor[n]) ** 2).sum() for n in params) * lam / 2
        new_params = {
            n: params[n] - lr * (leaf.grad + lam * fisher[n] * (params[n] - anchor[n]))
            for n, leaf in (("weight", w), ("bias", b))
        }
    return penalty, new_params
