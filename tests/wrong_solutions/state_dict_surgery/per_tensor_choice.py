# expect: dtype | bfloat16
# Wrong: chooses float16 or bfloat16 tensor by tensor, so one loud weight drags only its own
# tensor to bfloat16 and the checkpoint ends up with two dtypes, which no single
# `model.to(dtype)` can load.
import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    count = 0
    slim = {}
    for key, t in state_dict.items():
        name = key.removeprefix("module.")
        if not name.endswith(BUFFERS):
            count += t.numel()
        if t.is_floating_point():
            loud = t.numel() > 0 and bool(t.abs().max() > 65504)
            t = t.to(torch.bfloat16 if loud else torch.float16)
        slim[name] = t
    return count, slim
