# expect: values | scale factor
# Wrong: normalises with the UNBIASED variance (torch.var's default); training mode divides by n.
import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    dims = [0] if x.dim() == 2 else [0, 2]
    shape = [1, -1] + [1] * (x.dim() - 2)
    if training:
        mean = x.mean(dim=dims)
        var = x.var(dim=dims)
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.clone(), running_var.clone()
    y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)
    return y * weight.view(shape) + bias.view(shape), new_mean, new_var
