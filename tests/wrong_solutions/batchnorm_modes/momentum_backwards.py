# expect: values | too big
# Wrong: weights the OLD running statistic by momentum and the batch by (1 - momentum); PyTorch's
# momentum is the weight of the new observation.
import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    dims = [0] if x.dim() == 2 else [0, 2]
    shape = [1, -1] + [1] * (x.dim() - 2)
    if training:
        mean = x.mean(dim=dims)
        var = x.var(dim=dims, unbiased=False)
        n = x.numel() // x.shape[1]
        new_mean = momentum * running_mean + (1 - momentum) * mean
        new_var = momentum * running_var + (1 - momentum) * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.clone(), running_var.clone()
    y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)
    return y * weight.view(shape) + bias.view(shape), new_mean, new_var
