# expect: type | keys
# Wrong: `str.replace` strikes every `module.` in the name, not only the DataParallel prefix,
# so `module.committee.module.weight` becomes `committee.weight` instead of
# `committee.module.weight`.
import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    count = 0
    slim = {}
    for key, t in state_dict.items():
        name = key.replace("module.", "")
        if name.endswith(BUFFERS):
            slim[name] = t
        else:
            count += t.numel()
            slim[name] = t.half()
    return count, slim
