import torch


def adamw(param, grads, lr: float, betas: tuple[float, float], eps: float, weight_decay: float):
    p = param.clone()
    m = torch.zeros_like(p)
    v = torch.zeros_like(p)
    trajectory = []
    for g in grads:
        # Plain gradient descent in a fancy coat. Where are the moments? The decay?
        p = p - lr * g
        trajectory.append(p)
    return torch.stack(trajectory), m, v
