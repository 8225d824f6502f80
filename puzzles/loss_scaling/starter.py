import torch


def mixed_precision(w0, xs, ys, lr: float, dtype, init_scale: float, growth_interval: int):
    w = w0.clone().requires_grad_()
    opt = torch.optim.SGD([w], lr=lr)
    scales = []
    for x, y in zip(xs, ys, strict=True):
        opt.zero_grad()
        pred = (x.to(dtype) @ w.to(dtype)).float()
        loss = ((pred - y) ** 2).mean()
        scales.append(1.0)
        loss.backward()  # straight over the cliff, no rope
        opt.step()
    return w.detach(), scales
