# expect: dtype | bfloat16
# Wrong: casts to float16 whatever the values, so a weight of 70000 (past float16's largest
# finite number, 65504) silently becomes inf; the checkpoint should have gone to bfloat16.
import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    count = 0
    slim = {}
    for key, t in state_dict.items():
        name = key.removeprefix("module.")
        if not name.endswith(BUFFERS):
            count += t.numel()
        slim[name] = t.half() if t.is_floating_point() else t
    return count, slim
