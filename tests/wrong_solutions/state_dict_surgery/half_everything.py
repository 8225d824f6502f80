# expect: dtype | float32
# Wrong: casts the buffers too, so the running statistics lose precision and the integer
# `num_batches_tracked` counter becomes a float16.
import torch


def shrink(state_dict: dict[str, torch.Tensor]):
    count = 0
    slim = {}
    for key, t in state_dict.items():
        name = key.removeprefix("module.")
        if not name.endswith(("running_mean", "running_var", "num_batches_tracked")):
            count += t.numel()
        slim[name] = t.half()
    return count, slim
