# expect: type | keys
# Wrong: `str.replace` strikes every `module.` in the name, not only the DataParallel prefix,
# so `module.committee.module.weight` becomes `committee.weight` instead of
# `committee.module.weight`.
import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    loud = any(t.is_floating_point() and t.numel() and t.abs().max() > 65504 for t in state_dict.values())
    dtype = torch.bfloat16 if loud else torch.float16
    count = 0
    slim = {}
    for key, t in state_dict.items():
        name = key.replace("module.", "")
        if not name.endswith(BUFFERS):
            count += t.numel()
        slim[name] = t.to(dtype) if t.is_floating_point() else t
    return count, slim
