# style: no scheduler object (the rate is written into the param group), hand-made clipping, a hand-written mean squared error
import math

import torch
from torch import nn


def train(weights, xs, ys, base_lr: float, warmup: int, max_norm: float):
    d_out, d_in = weights["weight"].shape
    model = nn.Linear(d_in, d_out).to(xs.device)
    model.load_state_dict(weights)
    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=base_lr, momentum=0.9)
    steps = len(xs)
    losses, lrs, norms = [], [], []
    for s in range(steps):
        if s < warmup:
            factor = s / warmup
        else:
            factor = 0.5 * (1 + math.cos(math.pi * (s - warmup) / (steps - warmup)))
        for group in opt.param_groups:
            group["lr"] = base_lr * factor
        for p in params:
            p.grad = None
        loss = ((model(xs[s]) - ys[s]) ** 2).mean()
        loss.backward()
        norm = torch.linalg.vector_norm(
            torch.stack([torch.linalg.vector_norm(p.grad) for p in params])
        )
        scale = torch.clamp(max_norm / (norm + 1e-6), max=1.0)
        for p in params:
            p.grad.mul_(scale)
        losses.append(loss.item())
        lrs.append(base_lr * factor)
        norms.append(norm)
        opt.step()
    trained = (model.weight.detach(), model.bias.detach())
    return lrs, torch.stack(norms), torch.tensor(losses, device=xs.device), *trained
