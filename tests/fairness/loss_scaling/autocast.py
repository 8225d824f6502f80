# style: torch.autocast instead of explicit casts, a plain (non-scaled) path for bfloat16/float32 written separately
import torch


def mixed_precision(w0, xs, ys, lr: float, dtype, init_scale: float, growth_interval: int):
    device = xs.device.type
    w = w0.detach().clone()
    w.requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr)
    use_scaler = dtype is torch.float16
    scaler = torch.amp.GradScaler(device, init_scale=init_scale, growth_interval=growth_interval)
    scales = []
    for step in range(xs.shape[0]):
        opt.zero_grad(set_to_none=True)
        with torch.autocast(device, dtype=dtype, enabled=dtype is not torch.float32):
            pred = torch.matmul(xs[step], w)
        loss = (pred.float() - ys[step]).pow(2).mean()
        if use_scaler:
            scales.append(float(scaler.get_scale()))
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
        else:
            scales.append(1.0)
            loss.backward()
            opt.step()
    return w.detach(), scales
