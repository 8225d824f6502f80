# expect: tampering | running_mean
# Wrong: the numbers are right, but it updates the caller's running statistics in place, as
# the module does with its buffers; here the inputs must stay untouched.
import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    dims = [0] if x.dim() == 2 else [0, 2]
    shape = [1, -1] + [1] * (x.dim() - 2)
    if training:
        mean = x.mean(dim=dims)
        var = x.var(dim=dims, unbiased=False)
        n = x.numel() // x.shape[1]
        running_mean.mul_(1 - momentum).add_(momentum * mean)
        running_var.mul_(1 - momentum).add_(momentum * var * n / (n - 1))
    else:
        mean, var = running_mean, running_var
    y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)
    return y * weight.view(shape) + bias.view(shape), running_mean, running_var
