# expect: values | answer[0]
# Wrong: uses lam instead of lam / 2, so the penalty and its pull are twice too strong.
import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    p = {n: t.detach().clone().requires_grad_(True) for n, t in params.items()}
    penalty = lam * sum((fisher[n] * (p[n] - anchor[n]) ** 2).sum() for n in p)
    task = ((x @ p["weight"].T + p["bias"] - y) ** 2).mean()
    (task + penalty).backward()
    with torch.no_grad():
        new_params = {n: p[n] - lr * p[n].grad for n in p}
    return penalty.detach(), new_params
