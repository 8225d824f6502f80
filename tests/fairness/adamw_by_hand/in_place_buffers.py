# style: in-place updates on private buffers (mul_, add_, addcmul_, addcdiv_) with the step size folded together, like PyTorch's own loop
import math

import torch


def adamw(param, grads, lr: float, betas: tuple[float, float], eps: float, weight_decay: float):
    beta1, beta2 = betas
    p = param.clone()
    exp_avg = torch.zeros_like(p)
    exp_avg_sq = torch.zeros_like(p)
    out = torch.empty_like(grads)
    for step in range(1, grads.shape[0] + 1):
        grad = grads[step - 1]
        p.mul_(1 - lr * weight_decay)
        exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        step_size = lr / (1 - beta1**step)
        denom = (exp_avg_sq.sqrt() / math.sqrt(1 - beta2**step)).add_(eps)
        p.addcdiv_(exp_avg, denom, value=-step_size)
        out[step - 1] = p
    return out, exp_avg, exp_avg_sq
