# style: an explicit loop filling a new dict in order; str slicing instead of removeprefix; .to(float16)
import torch


def shrink(state_dict):
    slim = {}
    count = 0
    for name, tensor in state_dict.items():
        if name.startswith("module."):
            name = name[len("module.") :]
        if name.endswith(("running_mean", "running_var", "num_batches_tracked")):
            slim[name] = tensor
        else:
            count += tensor.numel()
            slim[name] = tensor.to(torch.float16)
    return count, slim
