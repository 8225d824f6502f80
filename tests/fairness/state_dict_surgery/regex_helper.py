# style: re.sub strips the prefix, a buffer-test helper, the count summed over the slim dict
import re

import torch


def _is_buffer(name: str) -> bool:
    return re.search(r"(running_mean|running_var|num_batches_tracked)$", name) is not None


def shrink(state_dict: dict[str, torch.Tensor]):
    slim = {
        re.sub(r"^module\.", "", name): (t if _is_buffer(name) else t.half())
        for name, t in state_dict.items()
    }
    count = sum(t.numel() for name, t in slim.items() if not _is_buffer(name))
    return count, slim
