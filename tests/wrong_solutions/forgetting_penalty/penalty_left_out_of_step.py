# expect: values | weight
# Wrong: computes the penalty but only back-propagates the task loss, so the step forgets
# the old task exactly as plain SGD would.
import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    p = {n: t.detach().clone().requires_grad_(True) for n, t in params.items()}
    penalty = lam / 2 * sum((fisher[n] * (p[n] - anchor[n]) ** 2).sum() for n in p)
    task = ((x @ p["weight"].T + p["bias"] - y) ** 2).mean()
    task.backward()
    with torch.no_grad():
        new_params = {n: p[n] - lr * p[n].grad for n in p}
    return penalty.detach(), new_params
