# expect: dtype | float16
# Wrong: trusts the default dtypes; `torch.full` with 0.5 gives float32 and `torch.eye` gives
# float32, but the brief asks for float16 and float64.
import torch


def summon(n: int, device: str):
    return (
        torch.arange(n, device=device),
        torch.full((2, n), 0.5, device=device),
        torch.eye(n, device=device),
    )
