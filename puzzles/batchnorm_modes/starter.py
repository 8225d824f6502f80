import torch


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    # Late-night draft: normalise with the batch statistics... in both modes? And the running
    # statistics never move. Something to argue about over the next pizza.
    mean = x.mean(dim=0, keepdim=True)
    var = x.var(dim=0, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps)
    return y, running_mean.clone(), running_var.clone()
