# style: no nn.Linear at all (two leaf tensors and F.linear), the multiplier as a named def, zero_grad(set_to_none=False)
import math

import torch
import torch.nn.functional as F


def train(weights, xs, ys, base_lr: float, warmup: int, max_norm: float):
    w = weights["weight"].clone().to(xs.device).requires_grad_()
    b = weights["bias"].clone().to(xs.device).requires_grad_()
    total = xs.shape[0]

    def warm_then_cosine(step: int) -> float:
        progress = (step - warmup) / (total - warmup)
        return step / warmup if step < warmup else (1 + math.cos(math.pi * progress)) / 2

    opt = torch.optim.SGD([w, b], lr=base_lr, momentum=0.9)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=warm_then_cosine)
    record = {"loss": [], "lr": [], "norm": []}
    for step in range(total):
        opt.zero_grad(set_to_none=False)
        loss = F.mse_loss(F.linear(xs[step], w, b), ys[step])
        loss.backward()
        record["norm"].append(torch.nn.utils.clip_grad_norm_([w, b], max_norm))
        record["loss"].append(loss.detach())
        record["lr"].append(sched.get_last_lr()[0])
        opt.step()
        sched.step()
    return (
        record["lr"],
        torch.stack(record["norm"]),
        torch.stack(record["loss"]),
        w.detach(),
        b.detach(),
    )
