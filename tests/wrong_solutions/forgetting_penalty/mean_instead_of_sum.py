# expect: values | answer[0]
# Wrong: averages F * (theta - anchor)^2 over the elements of each tensor instead of summing,
# which weakens the penalty by the number of elements.
import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    p = {n: t.detach().clone().requires_grad_(True) for n, t in params.items()}
    penalty = lam / 2 * sum((fisher[n] * (p[n] - anchor[n]) ** 2).mean() for n in p)
    task = ((x @ p["weight"].T + p["bias"] - y) ** 2).mean()
    (task + penalty).backward()
    with torch.no_grad():
        new_params = {n: p[n] - lr * p[n].grad for n in p}
    return penalty.detach(), new_params
