# expect: values | expected
# Wrong: clips after optimizer.step(), when the oversized gradient has already been used.
import math

import torch
import torch.nn.functional as F
from torch import nn


def train(weights, xs, ys, base_lr: float, warmup: int, max_norm: float):
    d_out, d_in = weights["weight"].shape
    model = nn.Linear(d_in, d_out)
    model.load_state_dict(weights)
    model.to(xs.device)
    steps = xs.shape[0]

    def multiplier(s: int) -> float:
        if s < warmup:
            return s / warmup
        return 0.5 * (1 + math.cos(math.pi * (s - warmup) / (steps - warmup)))

    opt = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, multiplier)
    losses, lrs, norms = [], [], []
    for x, y in zip(xs, ys, strict=True):
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        losses.append(loss.detach())
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        norms.append(nn.utils.clip_grad_norm_(model.parameters(), max_norm))
        sched.step()
    return lrs, torch.stack(norms), torch.stack(losses), model.weight.detach(), model.bias.detach()
