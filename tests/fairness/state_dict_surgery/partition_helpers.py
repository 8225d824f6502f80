# style: small helpers; the prefix cut with str.partition, a per-tensor overflow test compared in
# float64 against torch.finfo and folded with any(map(...)), dict(...) over a generator, and the
# count summed over the slim dict rather than the input
import torch

BUFFER_SUFFIXES = ("running_mean", "running_var", "num_batches_tracked")


def _strip(name: str) -> str:
    head, sep, rest = name.partition("module.")
    return rest if sep and not head else name


def _is_parameter(name: str) -> bool:
    return not name.endswith(BUFFER_SUFFIXES)


def _too_loud(t: torch.Tensor) -> bool:
    if not t.is_floating_point() or t.numel() == 0:
        return False
    return bool((t.abs().amax().double() > torch.finfo(torch.float16).max).item())


def shrink(state_dict: dict[str, torch.Tensor]):
    dtype = torch.bfloat16 if any(map(_too_loud, state_dict.values())) else torch.float16
    slim = dict(
        (_strip(name), t.to(dtype) if torch.is_floating_point(t) else t)
        for name, t in state_dict.items()
    )
    count = sum(t.numel() for name, t in slim.items() if _is_parameter(name))
    return count, slim
