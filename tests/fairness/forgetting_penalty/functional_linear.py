# style: F.linear and F.mse_loss, torch.autograd.grad over a tuple of leaves, an explicit key loop
import torch
import torch.nn.functional as F


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    names = list(params)
    leaves = [params[n].detach().clone().requires_grad_() for n in names]
    theta = dict(zip(names, leaves))
    penalty = torch.zeros((), dtype=x.dtype, device=x.device)
    for n in names:
        penalty = penalty + (fisher[n] * (theta[n] - anchor[n]).square()).sum()
    penalty = penalty * (lam / 2)
    task = F.mse_loss(F.linear(x, theta["weight"], theta["bias"]), y)
    grads = torch.autograd.grad(task + penalty, leaves)
    new_params = {n: (t - lr * g).detach() for n, t, g in zip(names, leaves, grads)}
    return penalty.detach(), new_params
