import torch


def mixed_precision(w0, xs, ys, lr: float, dtype, init_scale: float, growth_interval: int):
    w = w0.clone().requires_grad_()
    opt = torch.optim.SGD([w], lr=lr)
    scaler = torch.amp.GradScaler(
        xs.device.type,
        init_scale=init_scale,
        growth_interval=growth_interval,
        enabled=(dtype == torch.float16),
    )
    scales = []
    for x, y in zip(xs, ys, strict=True):
        opt.zero_grad()
        pred = (x.to(dtype) @ w.to(dtype)).float()
        loss = ((pred - y) ** 2).mean()
        scales.append(scaler.get_scale())
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
    return w.detach(), scales
