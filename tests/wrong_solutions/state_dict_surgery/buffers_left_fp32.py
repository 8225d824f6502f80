# expect: dtype | float16
# Wrong: the old half-measure. Parameters go to float16 but the running statistics stay
# float32: `load_state_dict(..., assign=True)` then builds a model whose forward pass fails on
# mixed dtypes, and a plain `load_state_dict` into a `model.half()` casts them anyway.
import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    named = {key.removeprefix("module."): t for key, t in state_dict.items()}
    count = sum(t.numel() for name, t in named.items() if not name.endswith(BUFFERS))
    return count, {name: t if name.endswith(BUFFERS) else t.half() for name, t in named.items()}
