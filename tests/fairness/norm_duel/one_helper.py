# style: one shared helper parameterised by the reduced dims and a centring flag, variance written out as a mean of squares
import torch


def _standardise(x: torch.Tensor, dims: tuple[int, ...], eps: float, centre: bool) -> torch.Tensor:
    shifted = x - x.mean(dim=dims, keepdim=True) if centre else x
    return shifted / torch.sqrt(shifted.square().mean(dim=dims, keepdim=True) + eps)


def norms(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float):
    layer = _standardise(x, (2,), eps, centre=True) * weight + bias
    rms = _standardise(x, (2,), eps, centre=False) * weight
    batch = _standardise(x, (0, 1), eps, centre=True) * weight + bias
    return layer, rms, batch
