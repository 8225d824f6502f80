import math

import torch
import torch.nn.functional as F
from torch import nn


def train(weights, xs, ys, base_lr: float, warmup: int, max_norm: float):
    d_out, d_in = weights["weight"].shape
    model = nn.Linear(d_in, d_out)
    model.load_state_dict(weights)
    model.to(xs.device)
    opt = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9)
    losses, lrs, norms = [], [], []
    for x, y in zip(xs, ys, strict=True):
        loss = F.mse_loss(model(x), y)
        loss.backward()
        # No schedule, no clipping, and the gradients pile up like pizza boxes...
        losses.append(loss.detach())
        lrs.append(base_lr)
        norms.append(torch.zeros((), device=xs.device))
        opt.step()
    return lrs, torch.stack(norms), torch.stack(losses), model.weight.detach(), model.bias.detach()
