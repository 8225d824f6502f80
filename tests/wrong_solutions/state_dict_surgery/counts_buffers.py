# expect: values | answer[0]
# Wrong: counts every element in the state_dict, so batch norm's running statistics and its
# step counter are taken for parameters.
import torch


def shrink(state_dict: dict[str, torch.Tensor]):
    buffers = ("running_mean", "running_var", "num_batches_tracked")
    count = sum(t.numel() for t in state_dict.values())
    slim = {}
    for key, t in state_dict.items():
        name = key.removeprefix("module.")
        slim[name] = t if name.endswith(buffers) else t.half()
    return count, slim
