# expect: values | expected
# Wrong: Adam with L2 - adds the decay to the gradient, so it flows through both moments.
import torch


def adamw(param, grads, lr: float, betas: tuple[float, float], eps: float, weight_decay: float):
    b1, b2 = betas
    p = param.clone()
    m = torch.zeros_like(p)
    v = torch.zeros_like(p)
    trajectory = []
    for t, g in enumerate(grads, start=1):
        g = g + weight_decay * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        p = p - lr * m_hat / (v_hat.sqrt() + eps)
        trajectory.append(p)
    return torch.stack(trajectory), m, v
