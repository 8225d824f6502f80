import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    named = {key.removeprefix("module."): t for key, t in state_dict.items()}
    count = sum(t.numel() for name, t in named.items() if not name.endswith(BUFFERS))
    # One dtype for the whole checkpoint: float16 unless some value is past its 65504.
    loud = any(t.is_floating_point() and t.numel() > 0 and bool(t.abs().max() > 65504) for t in named.values())
    dtype = torch.bfloat16 if loud else torch.float16
    return count, {name: t.to(dtype) if t.is_floating_point() else t for name, t in named.items()}
