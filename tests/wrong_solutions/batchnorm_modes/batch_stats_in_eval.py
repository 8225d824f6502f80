# expect: values | eval mode
# Wrong: ignores the mode and always normalises with the batch statistics; in eval mode the
# running statistics must be used (and left unchanged).
import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    dims = [0] if x.dim() == 2 else [0, 2]
    shape = [1, -1] + [1] * (x.dim() - 2)
    mean = x.mean(dim=dims)
    var = x.var(dim=dims, unbiased=False)
    n = x.numel() // x.shape[1]
    if training:
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        new_mean, new_var = running_mean.clone(), running_var.clone()
    y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)
    return y * weight.view(shape) + bias.view(shape), new_mean, new_var
