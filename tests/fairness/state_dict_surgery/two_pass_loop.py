# style: two explicit loops (find the largest float magnitude, then fill a new dict); str slicing
# instead of removeprefix; the limit read from torch.finfo instead of a literal 65504
import torch


def shrink(state_dict):
    largest = 0.0
    for tensor in state_dict.values():
        if tensor.is_floating_point() and tensor.numel() > 0:
            largest = max(largest, tensor.abs().max().item())
    small = torch.float16 if largest <= torch.finfo(torch.float16).max else torch.bfloat16
    slim = {}
    count = 0
    for name, tensor in state_dict.items():
        if name.startswith("module."):
            name = name[len("module.") :]
        if not name.endswith(("running_mean", "running_var", "num_batches_tracked")):
            count += tensor.numel()
        slim[name] = tensor.to(small) if tensor.is_floating_point() else tensor
    return count, slim
