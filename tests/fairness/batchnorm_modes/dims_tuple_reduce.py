# style: explicit sums over a tuple of dims and keepdim broadcasting instead of view()
import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    dims = (0,) + tuple(range(2, x.dim()))
    n = x.numel() // x.shape[1]
    shape = (1, -1) + (1,) * (x.dim() - 2)
    if training:
        mean = x.sum(dim=dims, keepdim=True) / n
        var = ((x - mean) ** 2).sum(dim=dims, keepdim=True) / n
        new_mean = running_mean * (1 - momentum) + mean.flatten() * momentum
        new_var = running_var * (1 - momentum) + var.flatten() * (n / (n - 1)) * momentum
    else:
        mean, var = running_mean.reshape(shape), running_var.reshape(shape)
        new_mean, new_var = running_mean.clone(), running_var.clone()
    y = (x - mean) * torch.rsqrt(var + eps)
    return y * weight.reshape(shape) + bias.reshape(shape), new_mean, new_var
