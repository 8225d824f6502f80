# expect: tampering | in place
# Wrong: the values are right, but it steps the caller's own tensors in place (and returns
# them); the checker compares the inputs with its own copies and must catch the tampering.
import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    for t in params.values():
        t.requires_grad_(True)
    penalty = lam / 2 * sum((fisher[n] * (params[n] - anchor[n]) ** 2).sum() for n in params)
    task = ((x @ params["weight"].T + params["bias"] - y) ** 2).mean()
    (task + penalty).backward()
    with torch.no_grad():
        for t in params.values():
            t -= lr * t.grad
    return penalty.detach(), {n: t.detach() for n, t in params.items()}
