# expect: values | expected
# Wrong: counts every element in the state_dict, so batch norm's running statistics and its
# step counter are taken for parameters.
import torch

FP16_MAX = 65504.0


def shrink(state_dict: dict[str, torch.Tensor]):
    count = sum(t.numel() for t in state_dict.values())
    loud = any(t.is_floating_point() and t.numel() and t.abs().max() > FP16_MAX for t in state_dict.values())
    dtype = torch.bfloat16 if loud else torch.float16
    slim = {}
    for key, t in state_dict.items():
        slim[key.removeprefix("module.")] = t.to(dtype) if t.is_floating_point() else t
    return count, slim
