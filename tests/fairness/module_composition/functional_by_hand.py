# style: no modules at all: F.linear, F.batch_norm on cloned running stats and F.dropout
import torch
import torch.nn.functional as F


def committee(weights, x, seed):
    w = weights
    n = len({key.split(".")[1] for key in w if key.startswith("members.")})
    mean = w["stem.1.running_mean"].clone()
    var = w["stem.1.running_var"].clone()

    def forward(z, training):
        z = F.linear(z, w["stem.0.weight"], w["stem.0.bias"])
        z = F.batch_norm(z, mean, var, w["stem.1.weight"], w["stem.1.bias"], training, 0.1, 1e-5)
        z = F.relu(z)
        for i in range(n):
            m = F.relu(F.linear(z, w[f"members.{i}.0.weight"], w[f"members.{i}.0.bias"]))
            z = z + F.dropout(m, 0.25, training)
        return F.linear(z, w["head.weight"], w["head.bias"])

    with torch.no_grad():
        torch.manual_seed(seed)
        train_out = forward(x, True)  # updates mean/var in place, as the module's buffers
        eval_out = forward(x, False)
    return train_out, eval_out
