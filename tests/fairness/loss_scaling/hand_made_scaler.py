# style: loss scaling written by hand - multiply, check isfinite, unscale, skip, back off and grow - no GradScaler, no optimizer object
import torch


def mixed_precision(w0, xs, ys, lr: float, dtype, init_scale: float, growth_interval: int):
    w = w0.clone().requires_grad_()
    scaling = dtype == torch.float16
    scale = init_scale if scaling else 1.0
    clean_steps = 0
    scales = []
    for x, y in zip(xs, ys, strict=True):
        w.grad = None
        pred = (x.to(dtype) @ w.to(dtype)).float()
        loss = ((pred - y) ** 2).mean()
        scales.append(scale)
        (loss * scale).backward()
        # Multiply by the reciprocal in float32, as GradScaler does, so the rounding agrees.
        grad = w.grad * torch.tensor(1.0 / scale, dtype=torch.float32, device=w.device)
        finite = bool(torch.isfinite(grad).all())
        if finite:
            with torch.no_grad():
                w -= lr * grad
        if not scaling:
            continue
        if not finite:
            scale, clean_steps = scale * 0.5, 0
        else:
            clean_steps += 1
            if clean_steps == growth_interval:
                scale, clean_steps = scale * 2.0, 0
    return w.detach(), scales
