import torch

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def shrink(state_dict: dict[str, torch.Tensor]):
    named = {key.removeprefix("module."): t for key, t in state_dict.items()}
    count = sum(t.numel() for name, t in named.items() if not name.endswith(BUFFERS))
    return count, {name: t if name.endswith(BUFFERS) else t.half() for name, t in named.items()}
